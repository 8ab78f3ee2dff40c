package vn.lienthong.gateway.connector;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

/**
 * Hands the connector settings ({@code camel.kamelet.<connector>.<property>} in application.yaml,
 * environment variables or any other Spring property source) to Camel, which looks Kamelet
 * parameters up among its own properties: without this, settings that are only in the Spring
 * environment would not reach the Kamelets.
 */
@Component
public class KameletSettings implements CamelContextConfiguration {

    static final String PREFIX = "camel.kamelet.";

    private final ConfigurableEnvironment env;

    public KameletSettings(ConfigurableEnvironment env) {
        this.env = env;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        env.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .flatMap(source -> java.util.Arrays.stream(((EnumerablePropertySource<?>) source).getPropertyNames()))
                .filter(name -> name.startsWith(PREFIX))
                .distinct()
                .forEach(name -> camelContext.getPropertiesComponent().addInitialProperty(name, env.getProperty(name, "")));
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do
    }
}
