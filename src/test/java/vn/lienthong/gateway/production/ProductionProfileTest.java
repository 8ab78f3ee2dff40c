package vn.lienthong.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The prod profile refuses to start without its required settings, before any bean exists, and
 * names each missing setting with its environment variable. The application.yaml that ships is the
 * one read; the "process environment" is a map the test controls.
 */
class ProductionProfileTest {

    @TempDir
    Path dataDir;

    @Test
    void prodWithNothingConfiguredRefusesToStartAndNamesEveryMissingSetting() throws Exception {
        Map<String, Object> env = Map.of("SPRING_PROFILES_ACTIVE", "prod", "GATEWAY_DATA_DIR", dataDir.toString(),
                "GATEWAY_SECRETS_DIR", dataDir.resolve("no-secrets").toString());

        assertThatThrownBy(() -> start(env))
                .isInstanceOf(MissingProductionSettingsException.class)
                .hasMessageContaining("GATEWAY_DB_URL")
                .hasMessageContaining("GATEWAY_ARTEMIS_URL")
                .hasMessageContaining("GATEWAY_KEYSTORE_PATH")
                .hasMessageContaining("GATEWAY_ADMIN_PASSWORD")
                .hasMessageContaining("camel.kamelet.population-registry-action.baseUrl points at the sandbox")
                .hasMessageContaining("camel.kamelet.national-portal-action.password is still the sandbox's secret")
                .hasMessageContaining("GATEWAY_PUBLIC_URL");
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("a refused start-up writes nothing to the data directory").isEmpty();
        }
    }

    @Test
    void prodWithKafkaOnRefusesTheDefaultLocalBroker() {
        Map<String, Object> env = new HashMap<>(complete());
        env.put("GATEWAY_KAFKA_ENABLED", "true");

        assertThatThrownBy(() -> start(env))
                .isInstanceOf(MissingProductionSettingsException.class)
                .satisfies(e -> assertThat(((MissingProductionSettingsException) e).problems())
                        .singleElement().asString().contains("GATEWAY_KAFKA_BROKERS").contains("localhost:9092"));
        env.put("GATEWAY_KAFKA_BROKERS", "kafka-1.example.gov.vn:9092,kafka-2.example.gov.vn:9092");
        start(env).close();
    }

    @Test
    void prodRefusesTheEmbeddedDatabaseEvenWhenEverythingElseIsSet() {
        Map<String, Object> env = new HashMap<>(complete());
        env.put("GATEWAY_DB_URL", "jdbc:h2:file:/tmp/gateway");

        assertThatThrownBy(() -> start(env))
                .isInstanceOf(MissingProductionSettingsException.class)
                .satisfies(e -> assertThat(((MissingProductionSettingsException) e).problems())
                        .singleElement().asString().contains("must be a PostgreSQL URL").contains("jdbc:h2"));
    }

    @Test
    void prodStartsWhenEverySettingIsGivenAndSecretsMayComeAsFiles() throws Exception {
        Path secrets = Files.createDirectories(dataDir.resolve("secrets"));
        Files.writeString(secrets.resolve("spring.datasource.password"), "from-a-file");
        Map<String, Object> env = new HashMap<>(complete());
        env.remove("GATEWAY_DB_PASSWORD");
        env.put("GATEWAY_SECRETS_DIR", secrets.toString());

        try (ConfigurableApplicationContext context = start(env)) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("from-a-file");
            assertThat(context.getEnvironment().getProperty("spring.artemis.mode")).isEqualTo("native");
            assertThat(context.getEnvironment().getProperty("gateway.sandbox.enabled")).isEqualTo("false");
        }
    }

    @Test
    void withoutTheProdProfileNothingIsRequired() {
        try (ConfigurableApplicationContext context = start(Map.of("GATEWAY_DATA_DIR", dataDir.toString()))) {
            assertThat(context.getEnvironment().getProperty("spring.artemis.mode")).isEqualTo("embedded");
        }
    }

    @Test
    void theDefaultProfileTakesTheExternalDatabaseAndBrokerTheEnvironmentNames() {
        Map<String, Object> env = Map.of("GATEWAY_DATA_DIR", dataDir.toString(),
                "GATEWAY_DB_URL", "jdbc:postgresql://db.example:5432/gateway", "GATEWAY_DB_USER", "tester", "GATEWAY_DB_PASSWORD", "pw",
                "GATEWAY_ARTEMIS_URL", "tcp://broker.example:61616", "GATEWAY_ARTEMIS_USER", "gw", "GATEWAY_ARTEMIS_PASSWORD", "apw");
        try (ConfigurableApplicationContext context = start(env)) {
            var settings = context.getEnvironment();
            assertThat(settings.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db.example:5432/gateway");
            assertThat(settings.getProperty("spring.datasource.username")).isEqualTo("tester");
            assertThat(settings.getProperty("spring.datasource.password")).isEqualTo("pw");
            assertThat(settings.getProperty("spring.artemis.mode")).isEqualTo("native");
            assertThat(settings.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
            assertThat(settings.getProperty("spring.artemis.broker-url")).isEqualTo("tcp://broker.example:61616");
            assertThat(settings.getProperty("spring.artemis.user")).isEqualTo("gw");
            assertThat(settings.getProperty("spring.artemis.password")).isEqualTo("apw");
            assertThat(settings.getProperty("gateway.sandbox.enabled")).as("still the default profile").isEqualTo("true");
        }
        // unset: the embedded defaults
        try (ConfigurableApplicationContext context = start(Map.of("GATEWAY_DATA_DIR", dataDir.toString()))) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:" + dataDir);
            assertThat(context.getEnvironment().getProperty("spring.artemis.embedded.enabled")).isEqualTo("true");
        }
    }

    /** Every required setting, as an operator would give them in the environment. */
    static Map<String, Object> complete() {
        Map<String, Object> env = new HashMap<>();
        env.put("SPRING_PROFILES_ACTIVE", "prod");
        env.put("GATEWAY_SECRETS_DIR", "/nonexistent");
        env.put("GATEWAY_DB_URL", "jdbc:postgresql://db.example:5432/gateway");
        env.put("GATEWAY_DB_USER", "gateway");
        env.put("GATEWAY_DB_PASSWORD", "pw");
        env.put("GATEWAY_ARTEMIS_URL", "tcp://broker.example:61616");
        env.put("GATEWAY_ARTEMIS_USER", "gateway");
        env.put("GATEWAY_ARTEMIS_PASSWORD", "pw");
        env.put("GATEWAY_KEYSTORE_PATH", "/run/secrets/gateway.p12");
        env.put("GATEWAY_KEYSTORE_PASSWORD", "pw");
        env.put("GATEWAY_KEYSTORE_ALIAS", "gateway");
        env.put("GATEWAY_TRUSTED_CAS", "/run/secrets/ca.pem");
        env.put("GATEWAY_ADMIN_PASSWORD", "pw");
        for (String connector : List.of("POPULATION_REGISTRY", "BUSINESS_REGISTRY", "SOCIAL_INSURANCE", "LAND_REGISTRY", "CIVIL_STATUS", "DOCUMENT_AXIS",
                "NATIONAL_EDATA")) {
            env.put(connector + "_URL", "https://lgsp.example.gov.vn/" + connector.toLowerCase());
            env.put(connector + "_TOKEN_URL", "https://lgsp.example.gov.vn/oauth2/token");
            env.put(connector + "_CLIENT_SECRET", "issued-by-the-platform");
        }
        env.put("NATIONAL_PORTAL_URL", "https://dichvucong.example.gov.vn/dvcq");
        env.put("NATIONAL_PORTAL_PASSWORD", "issued-by-the-portal");
        env.put("IGATE_URL", "https://igate.example.gov.vn");
        env.put("IGATE_API_KEY", "issued-by-igate");
        env.put("GATEWAY_PUBLIC_URL", "https://lienthong.example.gov.vn");
        return env;
    }

    /**
     * Runs the gateway's environment preparation (application.yaml, profiles, config tree, the
     * environment post-processors of spring.factories) with {@code processEnvironment} as the
     * operating-system environment, and an otherwise empty context: no bean of the gateway is made.
     */
    static ConfigurableApplicationContext start(Map<String, Object> processEnvironment) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setEnvironment(environmentOf(processEnvironment));
        return application.run();
    }

    /** An environment whose operating-system variables are {@code processEnvironment} and nothing else. */
    static StandardEnvironment environmentOf(Map<String, Object> processEnvironment) {
        return new StandardEnvironment() {
            @Override
            protected void customizePropertySources(MutablePropertySources sources) {
                sources.addLast(new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, processEnvironment));
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }
}
