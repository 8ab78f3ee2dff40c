package vn.lienthong.gateway.production;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * What the {@code prod} profile must be given, because production never falls back to an embedded
 * part: PostgreSQL instead of the H2 file, an external Artemis broker instead of the embedded one, a
 * real keystore instead of development keys, a configured console password, and every connector
 * pointed at a real system rather than the sandbox.
 *
 * <p>{@link #problems(Environment)} lists every missing or unsafe setting at once, each with the
 * environment variable that sets it, so an operator fixes them in one pass. The same list is what
 * the compose file in {@code docker/} is tested against.
 */
public final class ProductionSettings {

    public static final String PROFILE = "prod";

    /** A required setting: the property, the environment variable that sets it, what it is. */
    record Required(String property, String variable, String meaning) {
    }

    static final List<Required> REQUIRED = List.of(
            new Required("spring.datasource.url", "GATEWAY_DB_URL", "the PostgreSQL JDBC URL"),
            new Required("spring.datasource.username", "GATEWAY_DB_USER", "the database user"),
            new Required("spring.datasource.password", "GATEWAY_DB_PASSWORD", "the database password"),
            new Required("spring.artemis.broker-url", "GATEWAY_ARTEMIS_URL", "the Artemis broker (tcp://host:61616, TLS: ?sslEnabled=true)"),
            new Required("spring.artemis.user", "GATEWAY_ARTEMIS_USER", "the Artemis user"),
            new Required("spring.artemis.password", "GATEWAY_ARTEMIS_PASSWORD", "the Artemis password"),
            new Required("gateway.crypto.keystore.path", "GATEWAY_KEYSTORE_PATH", "the gateway's PKCS#12 signing keystore"),
            new Required("gateway.crypto.keystore.password", "GATEWAY_KEYSTORE_PASSWORD", "the keystore password"),
            new Required("gateway.crypto.keystore.alias", "GATEWAY_KEYSTORE_ALIAS", "the signing key's alias"),
            new Required("gateway.crypto.trusted-cas", "GATEWAY_TRUSTED_CAS", "PEM files of the trusted CAs"),
            new Required("gateway.console.admin.password", "GATEWAY_ADMIN_PASSWORD", "the console administrator's password"));

    private ProductionSettings() {
    }

    public static boolean isProduction(Environment env) {
        return env.acceptsProfiles(Profiles.of(PROFILE));
    }

    /** Every required setting that is missing or unsafe in production, one sentence each; empty when all is well. */
    public static List<String> problems(Environment env) {
        List<String> problems = new ArrayList<>();
        for (Required required : REQUIRED) {
            if (isBlank(env.getProperty(required.property()))) {
                problems.add(required.property() + " is not set (" + required.variable() + "): " + required.meaning() + ".");
            }
        }
        String url = env.getProperty("spring.datasource.url", "");
        if (!isBlank(url) && !url.startsWith("jdbc:postgresql:")) {
            problems.add("spring.datasource.url must be a PostgreSQL URL (jdbc:postgresql://...) in production, not " + scheme(url) + ".");
        }
        String mode = env.getProperty("spring.artemis.mode", "");
        if (!"native".equalsIgnoreCase(mode)) {
            problems.add("spring.artemis.mode must be native in production (an external broker), not '" + mode + "'.");
        }
        if (env.getProperty("spring.artemis.embedded.enabled", Boolean.class, Boolean.TRUE)) {
            problems.add("spring.artemis.embedded.enabled must be false in production.");
        }
        if (env.getProperty("gateway.sandbox.enabled", Boolean.class, Boolean.FALSE)) {
            problems.add("gateway.sandbox.enabled must be false in production: the simulators are not national systems.");
        }
        if (env.getProperty("gateway.crypto.generate-dev-keys", Boolean.class, Boolean.FALSE)) {
            problems.add("gateway.crypto.generate-dev-keys must be false in production.");
        }
        if (env.getProperty("gateway.partners.file", "").contains("sandbox")) {
            problems.add("gateway.partners.file names the sandbox partners (" + env.getProperty("gateway.partners.file")
                    + "); production reads config/partners.yaml or GATEWAY_PARTNERS_FILE.");
        }
        String publicUrl = env.getProperty("gateway.dossier.edata-base-url", "");
        if (publicUrl.contains("://localhost") || publicUrl.contains("://127.0.0.1")) {
            problems.add("gateway.dossier.edata-base-url is " + publicUrl + " (GATEWAY_PUBLIC_URL): the national portal fetches results"
                    + " from it, so it must be the gateway's public address.");
        }
        if (Boolean.parseBoolean(env.getProperty("gateway.kafka.enabled", "false"))) {
            String brokers = env.getProperty("gateway.kafka.brokers", "");
            if (isBlank(brokers) || brokers.contains("localhost") || brokers.contains("127.0.0.1")) {
                problems.add("gateway.kafka.brokers is '" + brokers + "' (GATEWAY_KAFKA_BROKERS) while Kafka is on (GATEWAY_KAFKA_ENABLED):"
                        + " name the cluster's brokers, host:port,host:port.");
            }
        }
        problems.addAll(connectorsStillOnTheSandbox(env));
        return problems;
    }

    /**
     * Connector settings (camel.kamelet.*): URLs that are empty or still point at the sandbox, and
     * secrets the connector sends (a password, an API key, the secret of its authentication style)
     * that are still the sandbox's.
     */
    private static List<String> connectorsStillOnTheSandbox(Environment env) {
        List<String> problems = new ArrayList<>();
        if (!(env instanceof ConfigurableEnvironment configurable)) {
            return problems;
        }
        configurable.getPropertySources().stream()
                .filter(EnumerablePropertySource.class::isInstance)
                .map(EnumerablePropertySource.class::cast)
                .flatMap(source -> Arrays.stream(source.getPropertyNames()))
                .filter(name -> name.startsWith("camel.kamelet."))
                .distinct()
                .sorted()
                .forEach(name -> {
                    String value = env.getProperty(name, "");
                    if (name.toLowerCase(Locale.ROOT).endsWith("url")) {
                        if (value.contains("/sandbox/") || value.contains("/sandbox?") || value.endsWith("/sandbox")) {
                            problems.add(name + " points at the sandbox (" + value + "); set it to the real system's URL.");
                        } else if (isBlank(value) && name.endsWith(".baseUrl")) {
                            problems.add(name + " is not set: the connector has nowhere to go.");
                        }
                    } else if (isTheSecretOfItsAuthStyle(env, name) && value.contains("sandbox")) {
                        problems.add(name + " is still the sandbox's secret; set the connector's real credential.");
                    }
                });
        return problems;
    }

    /** A password or key the connector really sends: its own, or the one of the authentication style it uses. */
    private static boolean isTheSecretOfItsAuthStyle(Environment env, String name) {
        int last = name.lastIndexOf('.');
        String style = env.getProperty(name.substring(0, last) + ".authStyle", "none");
        return switch (name.substring(last + 1)) {
            case "password", "apiKey" -> true;
            case "clientSecret" -> "oauth2".equals(style);
            case "secretKey" -> "header".equals(style);
            default -> false;
        };
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String scheme(String url) {
        int second = url.indexOf(':', url.indexOf(':') + 1);
        return second > 0 ? url.substring(0, second) : "another database";
    }
}
