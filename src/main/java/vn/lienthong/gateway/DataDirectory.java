package vn.lienthong.gateway;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code gateway.data-dir} absolute before anything uses it, so that a relative setting
 * ({@code ./data}, {@code GATEWAY_DATA_DIR=data}) means the same folder to H2 (which refuses
 * relative paths), Artemis and the content store.
 */
public class DataDirectory implements EnvironmentPostProcessor {

    static final String PROPERTY = "gateway.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String configured = env.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            return;
        }
        String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
        env.getPropertySources().addFirst(new MapPropertySource("gatewayDataDirectory", Map.of(PROPERTY, absolute)));
    }
}
