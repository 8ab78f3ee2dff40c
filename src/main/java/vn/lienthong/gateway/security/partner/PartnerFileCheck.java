package vn.lienthong.gateway.security.partner;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads the partner file before any bean is created, so that a malformed file stops the start-up in
 * its first second with every problem listed ({@link PartnerFileFailureAnalyzer}), not minutes later
 * when the security configuration's bean is reached. The bean reads the file again (it may have been
 * given another one by then, as tests do); a file that does not exist is left to it to report.
 * Registered in META-INF/spring.factories.
 */
public class PartnerFileCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String file = env.getProperty("gateway.partners.file");
        if (file == null || file.isBlank() || !Files.isRegularFile(Path.of(file))) {
            return;
        }
        PartnerRegistry.load(Path.of(file), env::resolveRequiredPlaceholders);
    }

    /** After the configuration files, profiles and the production settings check. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
