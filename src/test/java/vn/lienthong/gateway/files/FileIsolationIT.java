package vn.lienthong.gateway.files;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import vn.lienthong.gateway.GatewayProcess;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real gateway, in a process of its own, started from a configuration folder holding the shipped routes,
 * connectors, mappings and partner file plus the broken fixtures (src/test/resources/files/broken): a route file
 * with a mistake, a mapping that does not compile, a malformed connector, and a route file using each of the last two.
 * The other flows answer; each problem is logged once, as {@code file:line: reason}; the health entry {@code files}
 * is DOWN naming them. With reload on, an edited route file and an edited mapping apply while it runs, and a broken
 * edit leaves the previous version serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FileIsolationIT {

    private static final String ADMIN_PASSWORD = "files-test-admin";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path work;
    private static GatewayProcess gateway;

    @BeforeAll
    static void start() throws Exception {
        Path base = Files.createDirectories(Path.of("target", "test-data"));
        work = Files.createTempDirectory(base, "files-").toAbsolutePath();
        for (String folder : List.of("routes", "connectors", "mappings", "config")) {
            copy(Path.of(folder), work.resolve(folder));
        }
        copy(Path.of("src/test/resources/files/broken"), work);
        Path partners = work.resolve("config/partners-sandbox.yaml");
        // a service of the probe route, granted to the sandbox partner igate-demo
        Files.writeString(partners, Files.readString(partners)
                .replaceFirst("(?m)^services:\n", "services:\n  reload.probe:\n    - GET /api/v1/reload-probe\n")
                .replaceFirst("(- id: igate-demo[\\s\\S]*?services: \\[)", "$1reload.probe, "));
        Files.writeString(work.resolve("mappings/reload-probe.xsl"), mapping("mapping 1"));
        Files.writeString(work.resolve("routes/reload-probe.camel.yaml"), probe("route 1"));
        int port = GatewayTestSupport.freePort();
        List<String> arguments = List.of("--server.port=" + port, "--gateway.data-dir=" + work.resolve("data"),
                "--gateway.console.admin.password=" + ADMIN_PASSWORD, "--logging.level.root=WARN",
                "--gateway.files.reload.enabled=true", "--gateway.files.reload.interval=300ms",
                "--gateway.sandbox.sftp.enabled=false", "--gateway.intake.vnpost.enabled=false",
                "--gateway.axis.poll-enabled=false", "--gateway.dossier.online.enabled=false");
        gateway = GatewayProcess.launch(arguments, Map.of(), port, work.resolve("gateway.log"), work);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void theOtherFlowsAnswer() throws Exception {
        HttpResponse<String> citizen = get("/api/v1/citizens/001203012345", "X-API-Key", GatewayTestSupport.API_KEY);
        assertThat(citizen.statusCode()).as(citizen.body()).isEqualTo(200);
        assertThat(citizen.body()).contains("\"match\"");
        assertThat(get("/api/v1/reload-probe", "X-API-Key", GatewayTestSupport.API_KEY).body()).isEqualTo("route 1, mapping 1");
    }

    @Test
    @Order(2)
    void eachProblemIsLoggedOnceWithItsFileAndLine() throws IOException {
        List<String> log = Files.readAllLines(gateway.log());
        for (String problem : List.of("mappings/broken-mapping.xsl:6: ", "connectors/broken-connector.kamelet.yaml:9: ",
                "routes/broken-route.camel.yaml:9: ", "routes/uses-broken-connector.camel.yaml:7: ", "routes/uses-broken-mapping.camel.yaml:9: ")) {
            assertThat(log.stream().filter(l -> l.contains(problem)).count()).as(problem).isEqualTo(1);
        }
        for (String file : List.of("broken-mapping.xsl", "broken-connector.kamelet.yaml", "broken-route.camel.yaml")) {
            assertThat(log.stream().filter(l -> l.contains(file) && !l.contains("uses the")).count())
                    .as("nothing else in the log speaks of " + file).isEqualTo(1);
        }
        assertThat(log.stream().filter(l -> l.contains("routes/uses-broken-mapping.camel.yaml")).findFirst().orElseThrow())
                .contains("uses the mapping mappings/broken-mapping.xsl, which is broken");
    }

    @Test
    @Order(3)
    void healthShowsThemDownByName() throws Exception {
        HttpResponse<String> health = get("/actuator/health/files", "Authorization", basic());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"", "routes/broken-route.camel.yaml:9: ", "mappings/broken-mapping.xsl:6: ",
                "connectors/broken-connector.kamelet.yaml:9: ", "routes/uses-broken-connector.camel.yaml", "routes/uses-broken-mapping.camel.yaml");
        // the other flows serve: the gateway as a whole is degraded (200), not down
        HttpResponse<String> overall = get("/actuator/health", "Authorization", basic());
        assertThat(overall.statusCode()).isEqualTo(200);
        assertThat(overall.body()).startsWith("{\"status\":\"DEGRADED\"").contains("\"files\":{\"status\":\"DOWN\"");
    }

    @Test
    @Order(4)
    void anEditedRouteAppliesAndABrokenEditLeavesThePreviousOneServing() throws Exception {
        Path probe = work.resolve("routes/reload-probe.camel.yaml");
        Files.writeString(probe, probe("route 2"));
        awaitProbe("route 2, mapping 1");

        breakAndExpectThePreviousVersion(probe, probe("route 3").replace("setBody:", "setBodyy:"), "route 2, mapping 1");
        assertThat(get("/actuator/health/files", "Authorization", basic()).body()).contains("routes/reload-probe.camel.yaml");
        assertThat(get("/api/v1/citizens/001203012345", "X-API-Key", GatewayTestSupport.API_KEY).statusCode()).isEqualTo(200);

        Files.writeString(probe, probe("route 4"));
        awaitProbe("route 4, mapping 1");
        assertThat(get("/actuator/health/files", "Authorization", basic()).body()).doesNotContain("reload-probe");
    }

    @Test
    @Order(5)
    void anEditedMappingAppliesOnlyWhenItCompiles() throws Exception {
        Path xsl = work.resolve("mappings/reload-probe.xsl");
        Files.writeString(xsl, mapping("mapping 2"));
        awaitProbe("route 4, mapping 2");

        breakAndExpectThePreviousVersion(xsl, mapping("mapping 3").replace("<xsl:value-of", "<xsl:value-off"), "route 4, mapping 2");
    }

    /** Writes a broken edit, waits for its one log line, and finds the previous version still answering. */
    private static void breakAndExpectThePreviousVersion(Path file, String broken, String previousAnswer) throws Exception {
        String marker = work.relativize(file) + ":";
        Files.writeString(file, broken);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(gateway.log()).contains(marker));
        assertThat(get("/api/v1/reload-probe", "X-API-Key", GatewayTestSupport.API_KEY).body()).isEqualTo(previousAnswer);
        assertThat(Files.readAllLines(gateway.log()).stream().filter(l -> l.contains(marker))).singleElement()
                .asString().contains("(the previous version keeps serving)");
    }

    private static void awaitProbe(String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(get("/api/v1/reload-probe", "X-API-Key", GatewayTestSupport.API_KEY).body()).isEqualTo(expected));
    }

    private static String probe(String text) {
        return """
                - rest:
                    id: reload-probe-api
                    path: /api/v1
                    get:
                      - id: reload-probe-get
                        path: /reload-probe
                        produces: text/plain
                        to: direct:reload-probe
                - route:
                    id: reload-probe
                    from:
                      uri: direct:reload-probe
                      steps:
                        - setBody:
                            constant: "<probe>%s</probe>"
                        - to: "xslt:file:mappings/reload-probe.xsl?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl&output=string"
                """.formatted(text);
    }

    private static String mapping(String text) {
        return TestMappings.textOf("concat(probe, ', " + text + "')");
    }

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(20)).headers(headers).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
