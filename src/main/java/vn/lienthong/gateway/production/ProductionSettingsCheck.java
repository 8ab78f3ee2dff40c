package vn.lienthong.gateway.production;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Stops a {@code prod} start-up before any bean is created when a required setting is missing:
 * no silent fallback to the embedded broker, the H2 file, development keys or the sandbox.
 * Registered in META-INF/spring.factories; {@link MissingProductionSettingsFailureAnalyzer}
 * prints the list.
 */
public class ProductionSettingsCheck implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!ProductionSettings.isProduction(env)) {
            return;
        }
        List<String> problems = ProductionSettings.problems(env);
        if (!problems.isEmpty()) {
            throw new MissingProductionSettingsException(problems);
        }
    }

    /** After the configuration files and profiles are read (ConfigData runs at HIGHEST_PRECEDENCE + 10). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
