package vn.lienthong.gateway.bus;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code GATEWAY_ARTEMIS_URL} (with {@code GATEWAY_ARTEMIS_USER}, {@code GATEWAY_ARTEMIS_PASSWORD}) points the gateway at an
 * external Artemis broker in every profile, not only in {@code prod}: when it is set, the embedded broker is not started
 * ({@code spring.artemis.mode=native}, {@code spring.artemis.embedded.enabled=false}) and Spring's JMS connects to that URL.
 * Unset, the default profile keeps its embedded broker. A province trying the gateway against its own broker with the
 * sandbox on gets that broker, not a silent in-VM one. (The database's variables, {@code GATEWAY_DB_*}, are mapped in
 * application.yaml: they need no switch.) Registered in META-INF/spring.factories.
 */
public class ExternalBroker implements EnvironmentPostProcessor, Ordered {

    static final String URL = "GATEWAY_ARTEMIS_URL";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String url = env.getProperty(URL);
        if (url == null || url.isBlank()) {
            return;
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.artemis.mode", "native");
        settings.put("spring.artemis.embedded.enabled", "false");
        settings.put("spring.artemis.broker-url", url.strip());
        copy(env, "GATEWAY_ARTEMIS_USER", "spring.artemis.user", settings);
        copy(env, "GATEWAY_ARTEMIS_PASSWORD", "spring.artemis.password", settings);
        env.getPropertySources().addFirst(new MapPropertySource("gatewayExternalBroker", settings));
    }

    private static void copy(ConfigurableEnvironment env, String variable, String property, Map<String, Object> settings) {
        String value = env.getProperty(variable);
        if (value != null && !value.isBlank()) {
            settings.put(property, value);
        }
    }

    /** After the configuration files and profiles are read, before the production check looks at the result. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
