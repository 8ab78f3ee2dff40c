package vn.lienthong.gateway.production;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * No Docker engine runs here, so docker/compose.yaml is checked by reading it: the services the
 * gateway's configuration names exist and listen where the gateway looks for them, every
 * environment name it sets is one the configuration reads, no secret is written in it, and the
 * gateway's prod profile starts on exactly what compose gives it (environment + secret files).
 */
class ComposeFileTest {

    static final Path DOCKER = Path.of("docker");
    static Map<String, Object> services;
    static Map<String, Object> compose;

    @TempDir
    Path tmp;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(DOCKER.resolve("compose.yaml")));
        services = (Map<String, Object>) compose.get("services");
    }

    @Test
    void theWholeProductionShapeIsThere() {
        assertThat(services).containsKeys("gateway-1", "gateway-2", "lb", "postgres", "artemis", "kafka", "sftp", "prometheus");
        for (String gateway : gateways()) {
            Map<String, Object> build = map(service(gateway).get("build"));
            assertThat(DOCKER.resolve((String) build.get("context")).resolve((String) build.get("dockerfile")).normalize())
                    .exists();
            assertThat(volumes(gateway)).as(gateway + " keeps its data directory on a volume")
                    .anyMatch(v -> v.endsWith(":" + env(gateway).get("GATEWAY_DATA_DIR")))
                    .as("e-data content is shared by every instance")
                    .anyMatch(v -> v.startsWith("edata-content:") && v.endsWith(":" + env(gateway).get("GATEWAY_EDATA_CONTENT_DIR")));
        }
        // every instance polls the axis (a received package is claimed in the database, AxisIT) and takes
        // its share of every queue: the instances are interchangeable
        assertThat(env("gateway-2")).as("the second instance has the settings of the first").isEqualTo(env("gateway-1"));
        assertThat(map(service("kafka").get("environment")).get("KAFKA_PROCESS_ROLES")).as("Kafka in KRaft mode")
                .isEqualTo("broker,controller");
    }

    @Test
    void theImageRunsAsAnUnprivilegedUserWithAHealthCheckAndADataVolume() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM .* AS build$")
                .containsPattern("(?m)^USER (?!0|root)\\S+")
                .containsPattern("(?m)^HEALTHCHECK .*\\n?.*/actuator/health/liveness")
                .containsPattern("(?m)^VOLUME \\[\"/data\"")
                .contains("lienthong-gateway-*.jar");
    }

    @Test
    void everyUrlTheGatewayIsGivenNamesAServiceListeningOnThatPort() {
        for (String gateway : gateways()) {
            Map<String, String> env = env(gateway);
            assertListens(env.get("GATEWAY_DB_URL").substring("jdbc:".length()), "postgres");
            assertListens(env.get("GATEWAY_ARTEMIS_URL"), "artemis");
            assertListens("kafka://" + env.get("GATEWAY_KAFKA_BROKERS"), "kafka");
            assertListens("sftp://" + env.get("INTAKE_VNPOST_HOST") + ":" + env.get("INTAKE_VNPOST_PORT"), "sftp");
        }
    }

    @Test
    void theLoadBalancerAndPrometheusReachEveryGatewayOnItsPort() throws IOException {
        Set<String> expected = new LinkedHashSet<>();
        for (String gateway : gateways()) {
            expected.add(gateway + ":" + env(gateway).get("PORT"));
        }
        Set<String> upstream = new LinkedHashSet<>();
        Matcher server = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+:\\d+)").matcher(Files.readString(DOCKER.resolve("nginx.conf")));
        while (server.find()) {
            upstream.add(server.group(1));
        }
        assertThat(upstream).isEqualTo(expected);

        Map<String, Object> prometheus = new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(DOCKER.resolve("prometheus.yml")));
        Map<String, Object> job = map(((List<?>) prometheus.get("scrape_configs")).get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(list(map(list(job.get("static_configs")).get(0)).get("targets")).stream().map(Object::toString))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(list(service("prometheus").get("secrets")).stream().map(Object::toString)).as("the scrape password is a secret file")
                .contains(map(job.get("basic_auth")).get("password_file").toString().replace("/run/secrets/", ""));
    }

    @Test
    void everyEnvironmentNameTheGatewayIsGivenIsOneItsConfigurationReads() throws IOException {
        String configuration = Files.readString(Path.of("src/main/resources/application.yaml"));
        Set<String> properties = propertyPaths(configuration);
        for (String gateway : gateways()) {
            for (String name : env(gateway).keySet()) {
                boolean placeholder = configuration.contains("${" + name + ":") || configuration.contains("${" + name + "}");
                boolean relaxed = properties.contains(name.toLowerCase(Locale.ROOT).replace("_", ""));
                assertThat(placeholder || relaxed || name.equals("SPRING_PROFILES_ACTIVE"))
                        .as(gateway + " sets " + name + ", which no setting of application.yaml reads").isTrue();
            }
        }
    }

    @Test
    void noSecretIsWrittenInTheComposeFileAndSecretFilesAreNeverCommitted() throws IOException {
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Object environment = map(service.getValue()).get("environment");
            if (environment == null) {
                continue;
            }
            map(environment).forEach((name, value) -> {
                if (name.matches("(?i).*(PASSWORD|SECRET)(?!_FILE).*") && !name.endsWith("_FILE")) {
                    assertThat(String.valueOf(value)).as(service.getKey() + " " + name).startsWith("${").doesNotContain(":-");
                }
            });
        }
        map(compose.get("secrets")).forEach((name, definition) ->
                assertThat(map(definition).get("file").toString()).as(name).startsWith("./secrets/"));
        assertThat(Files.readAllLines(DOCKER.resolve(".gitignore"))).contains("secrets/", ".env");
    }

    @Test
    void theProdProfileStartsOnWhatComposeGivesIt() throws IOException {
        Path secrets = Files.createDirectories(tmp.resolve("secrets"));
        Map<String, Object> env = new HashMap<>();
        env(gateways().get(0)).forEach((name, value) -> env.put(name, withSampleInterpolation(value)));
        for (Object secret : list(service(gateways().get(0)).get("secrets"))) {
            Files.writeString(secrets.resolve(map(secret).get("target").toString()), "secret-from-file");
        }
        env.put("GATEWAY_SECRETS_DIR", secrets.toString());
        env.put("GATEWAY_DATA_DIR", tmp.resolve("data").toString());

        try (ConfigurableApplicationContext context = ProductionProfileTest.start(env)) {
            assertThat(context.getEnvironment().getProperty("spring.datasource.password")).isEqualTo("secret-from-file");
            assertThat(context.getEnvironment().getProperty("gateway.console.admin.password")).isEqualTo("secret-from-file");
        }

        env.remove("GATEWAY_DB_URL");
        assertThat(ProductionSettings.problems(ProductionProfileTest.environmentOf(env))).as("the check is the one that passed")
                .anyMatch(problem -> problem.contains("GATEWAY_DB_URL"));
    }

    @Test
    void everySecretFileIsReadableByTheContainersAndProtectedOnTheHostByItsFolder() throws Exception {
        // what make-secrets.sh really writes, under the strictest umask a host user may have
        Path docker = Files.createDirectories(tmp.resolve("docker"));
        Files.copy(DOCKER.resolve("make-secrets.sh"), docker.resolve("make-secrets.sh"));
        Process run = new ProcessBuilder("bash", "-c", "umask 077 && bash make-secrets.sh").directory(docker.toFile())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes());
        assertThat(run.waitFor()).as(output).isZero();

        Path secrets = docker.resolve("secrets");
        assertThat(Files.getPosixFilePermissions(secrets)).as("no other host user reaches into secrets/")
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        Set<String> readBy10001 = new LinkedHashSet<>();
        for (String gateway : gateways()) {
            for (Object secret : list(service(gateway).get("secrets"))) {
                readBy10001.add(map(map(compose.get("secrets")).get(map(secret).get("source").toString())).get("file").toString());
            }
        }
        for (String other : List.of("postgres", "prometheus")) {
            for (Object secret : list(service(other).get("secrets"))) {
                readBy10001.add(map(map(compose.get("secrets")).get(secret.toString())).get("file").toString());
            }
        }
        for (String file : readBy10001) {
            Path path = docker.resolve(file);
            assertThat(path).as(file + " is generated").exists();
            // compose without Swarm mounts a file secret with its host owner and mode: the container's own
            // user (not the host user) must be able to read it
            assertThat(Files.getPosixFilePermissions(path)).as(file + " readable by the container's user")
                    .contains(PosixFilePermission.OTHERS_READ).doesNotContain(PosixFilePermission.OTHERS_WRITE);
        }
        assertThat(Files.getPosixFilePermissions(secrets.resolve("sftp_host_ed25519_key")))
                .as("sshd refuses a host key others can read").isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void everyFolderAGatewayVolumeIsMountedOnExistsInTheImageOwnedByItsUser() throws IOException {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile")).replace("\\\n", " ");
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(dockerfile).contains("--uid " + user.group(1));
        Matcher mkdir = Pattern.compile("mkdir -p ([^&\\n]+)").matcher(dockerfile);
        Matcher chown = Pattern.compile("chown gateway:gateway ([^&\\n]+)").matcher(dockerfile);
        assertThat(mkdir.find()).isTrue();
        assertThat(chown.find()).isTrue();
        List<String> created = List.of(mkdir.group(1).trim().split("\\s+"));
        List<String> owned = List.of(chown.group(1).trim().split("\\s+"));
        for (String gateway : gateways()) {
            for (String volume : volumes(gateway)) {
                String target = volume.split(":")[1];
                // a named volume takes the owner of the image's folder; absent there, it is root's and
                // uid 10001 cannot write (every e-data deposit failed with 500)
                assertThat(created).as(gateway + ": the image creates " + target).contains(target);
                assertThat(owned).as(gateway + ": " + target + " belongs to the gateway's user").contains(target);
                assertThat(dockerfile).as(target + " is a declared volume").containsPattern("(?m)^VOLUME \\[.*\"" + target + "\"");
            }
        }
    }

    @Test
    void kafkaWritesItsTopicsAndOffsetsOnItsVolume() {
        Map<String, Object> kafka = service("kafka");
        Map<String, Object> environment = map(kafka.get("environment"));
        String mounted = volumesOf(kafka).stream().filter(v -> v.startsWith("kafka-data:")).findFirst().orElseThrow().split(":")[1];
        // the apache/kafka image writes to /tmp/kraft-combined-logs unless told: lost on re-create
        assertThat(environment.get("KAFKA_LOG_DIRS")).as("Kafka's log directory is the mounted volume").isEqualTo(mounted);
        assertThat(String.valueOf(environment.get("CLUSTER_ID"))).as("a fixed cluster id, valid for KRaft")
                .matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void theBuildContextCarriesNoLocalDataBuildOutputHistoryOrSecrets() throws IOException {
        Path ignore = Path.of(".dockerignore");
        assertThat(ignore).as("the compose build context is the repository root").exists();
        assertThat(DOCKER.resolve(map(service("gateway-1").get("build")).get("context").toString()).normalize().toAbsolutePath())
                .isEqualTo(Path.of("").toAbsolutePath());
        List<String> lines = Files.readAllLines(ignore).stream().map(String::trim).toList();
        assertThat(lines).contains(".git", "target/", "docker/secrets/", "docker/.env").containsAnyOf("data/", "**/data/");
    }

    @Test
    void theLoadBalancerRetriesOnlyARequestThatNeverReachedAnInstance() throws IOException {
        String nginx = Files.readString(DOCKER.resolve("nginx.conf")).replaceAll("(?m)#.*$", "");
        Matcher next = Pattern.compile("proxy_next_upstream\\s+([^;]+);").matcher(nginx);
        assertThat(next.find()).as("a retry policy is written down, not nginx's default").isTrue();
        // a timeout or a 502/503/504 answer means the gateway may already have called a national system
        // (a 503 usually: that system is down); retrying doubles the calls. Non-idempotent: never.
        assertThat(next.group(1).trim().split("\\s+")).containsOnly("error");
        assertThat(next.find()).as("one policy").isFalse();
        Matcher tries = Pattern.compile("proxy_next_upstream_tries\\s+(\\d+);").matcher(nginx);
        assertThat(tries.find()).isTrue();
        assertThat(Integer.parseInt(tries.group(1))).isBetween(1, 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSandboxVariantIsOneGatewayOnItsEmbeddedDefaultsWithNothingToPrepare() throws IOException {
        String text = Files.readString(DOCKER.resolve("compose.sandbox.yaml"));
        Map<String, Object> sandbox = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        Map<String, Object> sandboxServices = (Map<String, Object>) sandbox.get("services");
        assertThat(sandboxServices).hasSize(1);
        Map<String, Object> gateway = map(sandboxServices.values().iterator().next());
        assertThat(map(gateway.get("build"))).isEqualTo(map(service("gateway-1").get("build")));
        Map<String, Object> environment = map(gateway.get("environment"));
        assertThat(String.valueOf(environment.get("SPRING_PROFILES_ACTIVE"))).as("the image's prod profile is switched off")
                .doesNotContain("prod");
        assertThat(text).as("nothing to set in docker/.env").doesNotContain("${");
        assertThat(gateway).as("no secret files to generate").doesNotContainKey("secrets");
        assertThat(list(gateway.get("ports")).stream().map(Object::toString)).contains(environment.get("PORT") + ":" + environment.get("PORT"));
        assertThat(volumesOf(gateway)).anyMatch(v -> v.endsWith(":" + environment.get("GATEWAY_DATA_DIR")));
        String configuration = Files.readString(Path.of("src/main/resources/application.yaml"));
        for (String name : environment.keySet()) {
            assertThat(name.equals("SPRING_PROFILES_ACTIVE") || configuration.contains("${" + name + ":"))
                    .as("the sandbox sets " + name + ", which application.yaml reads").isTrue();
        }
    }

    // --- reading the compose file ---------------------------------------------------------

    private static void assertListens(String url, String expectedService) {
        URI uri = URI.create(url);
        assertThat(uri.getHost()).as(url).isEqualTo(expectedService);
        Set<String> ports = new LinkedHashSet<>();
        Map<String, Object> service = service(expectedService);
        list(service.getOrDefault("expose", List.of())).forEach(p -> ports.add(p.toString()));
        list(service.getOrDefault("ports", List.of())).forEach(p -> ports.add(p.toString().replaceAll(".*:", "")));
        assertThat(ports).as(expectedService + " listens on the port in " + url).contains(String.valueOf(uri.getPort()));
    }

    /** "${VAR:?message}" as compose would interpolate it from docker/.env: a sample value. */
    private static String withSampleInterpolation(String value) {
        return value.startsWith("${") ? "https://national-system.example.gov.vn/" + value.replaceAll("\\$\\{(\\w+).*", "$1") : value;
    }

    private static List<String> gateways() {
        return services.keySet().stream().filter(name -> name.startsWith("gateway-")).toList();
    }

    private static Map<String, Object> service(String name) {
        return map(services.get(name));
    }

    private static Map<String, String> env(String service) {
        Map<String, String> env = new HashMap<>();
        map(service(service).get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    private static List<String> volumes(String service) {
        return volumesOf(service(service));
    }

    private static List<String> volumesOf(Map<String, Object> service) {
        return list(service.get("volumes")).stream().map(Object::toString).toList();
    }

    /** Every property path of application.yaml, lower-cased without separators (Spring's relaxed form). */
    @SuppressWarnings("unchecked")
    private static Set<String> propertyPaths(String yaml) {
        Set<String> paths = new LinkedHashSet<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            collect("", (Map<String, Object>) document, paths);
        }
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static void collect(String prefix, Map<String, Object> node, Set<String> paths) {
        node.forEach((key, value) -> {
            String path = prefix + key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", "");
            paths.add(path);
            if (value instanceof Map<?, ?> child) {
                collect(path, (Map<String, Object>) child, paths);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
