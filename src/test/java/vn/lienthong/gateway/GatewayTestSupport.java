package vn.lienthong.gateway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lienthong.gateway.dossier.KafkaTestBroker;
import vn.lienthong.gateway.intake.SftpTestServer;

/**
 * The one shared gateway context of the integration tests: the real application with the shipped
 * routes/, connectors/ and mappings/, the sandbox on, embedded Artemis and H2 in a fresh data
 * directory, served on a real port. Every test class that extends this shares the cached context.
 */
@CamelSpringBootTest
@DisableJmx(false) // Hawtio reads the routes over JMX, as in production
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class GatewayTestSupport {

    public static final String ADMIN_PASSWORD = "test-admin-secret";
    public static final String VIEWER_PASSWORD = "test-viewer-secret";
    /** The connector's call timeout in tests; the slow-registry tests wait longer than this. */
    public static final int REGISTRY_TIMEOUT_MS = 1500;
    /** The reuse check's registry budget in tests: shorter than the connectors' timeout, so the budget is what cuts a slow registry. */
    public static final int REUSE_BUDGET_MS = 1000;
    /** The sandbox partner igate-demo's API key (config/partners-sandbox.yaml). */
    public static final String API_KEY = "sandbox-igate-key-2026";

    protected static final int PORT = freePort();
    protected static final Path DATA_DIR = tempDir();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("gateway.data-dir", DATA_DIR::toString);
        registry.add("gateway.console.admin.password", () -> ADMIN_PASSWORD);
        registry.add("gateway.console.viewer.password", () -> VIEWER_PASSWORD);
        registry.add("camel.kamelet.population-registry-action.timeoutMillis", () -> REGISTRY_TIMEOUT_MS);
        registry.add("camel.kamelet.population-registry-action.openStateSeconds", () -> 1);
        registry.add("camel.kamelet.population-registry-action.minimumNumberOfCalls", () -> 4);
        for (String connector : new String[]{"business-registry-action", "social-insurance-action", "land-registry-action", "civil-status-action"}) {
            registry.add("camel.kamelet." + connector + ".timeoutMillis", () -> REGISTRY_TIMEOUT_MS);
            registry.add("camel.kamelet." + connector + ".openStateSeconds", () -> 1);
            registry.add("camel.kamelet." + connector + ".minimumNumberOfCalls", () -> 4);
        }
        registry.add("gateway.reuse.registry-budget", () -> REUSE_BUDGET_MS + "ms");
        // the operators' connector view probes often, so that its tests see a change within a second
        registry.add("gateway.operations.probe-interval", () -> "500ms");
        registry.add("gateway.http.max-body-bytes", () -> "1MB");
        registry.add("logging.level.root", () -> "WARN");
        // document axis: polling is started by the tests that need it (AxisIT), delivery retries are quick
        registry.add("gateway.axis.poll-enabled", () -> false);
        registry.add("gateway.axis.poll-period-ms", () -> 300);
        registry.add("gateway.axis.poll-delay-ms", () -> 0);
        registry.add("gateway.axis.delivery.max-redeliveries", () -> 4);
        registry.add("gateway.axis.delivery.initial-delay-ms", () -> 300);
        registry.add("gateway.axis.delivery.max-delay-ms", () -> 1500);
        // the vnpost digitization connector polls an in-JVM SFTP server (intake.SftpTestServer)
        registry.add("gateway.intake.vnpost.enabled", () -> true);
        registry.add("gateway.sandbox.sftp.enabled", () -> false);
        registry.add("camel.kamelet.vnpost-digitization-source.port", () -> SftpTestServer.shared().port());
        registry.add("camel.kamelet.vnpost-digitization-source.privateKeyFile", () -> SftpTestServer.shared().privateKey().toString());
        registry.add("camel.kamelet.vnpost-digitization-source.knownHostsFile", () -> SftpTestServer.shared().knownHosts().toString());
        registry.add("camel.kamelet.vnpost-digitization-source.pollMillis", () -> 250);
        registry.add("gateway.intake.retry-delay", () -> "1s");
        registry.add("gateway.intake.max-attempts", () -> 4);
        dossierSyncProperties(registry::add);
        // Kafka on, against a real KRaft broker in this JVM: dossier events in from a topic, outcomes out
        registry.add("gateway.kafka.enabled", () -> true);
        registry.add("gateway.kafka.brokers", () -> KafkaTestBroker.shared().brokers());
        registry.add("gateway.kafka.max-record-bytes", () -> "64KB");
    }

    /** Dossier delivery with short back-off in tests (the portal simulator's faults last seconds, not hours). */
    public static void dossierSyncProperties(java.util.function.BiConsumer<String, java.util.function.Supplier<Object>> registry) {
        registry.accept("gateway.dossier.initial-delay-ms", () -> 100);
        registry.accept("gateway.dossier.max-delay-ms", () -> 1000);
        registry.accept("gateway.dossier.refused-redeliveries", () -> 2);
        registry.accept("gateway.dossier.unavailable-redeliveries", () -> 300);
        registry.accept("camel.kamelet.national-portal-action.timeoutMillis", () -> 1500);
        registry.accept("camel.kamelet.national-portal-action.openStateSeconds", () -> 1);
        registry.accept("camel.kamelet.national-portal-action.minimumNumberOfCalls", () -> 4);
        // online dossiers portal -> iGate: the poll is started by the tests that need it (OnlineDossiersIT)
        registry.accept("gateway.dossier.online.enabled", () -> false);
        registry.accept("gateway.dossier.online.poll-ms", () -> 300);
        registry.accept("camel.kamelet.igate-action.timeoutMillis", () -> 1500);
        registry.accept("camel.kamelet.igate-action.openStateSeconds", () -> 1);
        registry.accept("camel.kamelet.igate-action.minimumNumberOfCalls", () -> 4);
    }

    protected static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    protected static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A partner API call as the sandbox partner igate-demo (X-API-Key), with extra header name/value pairs. */
    protected static HttpResponse<String> api(String path, String... headers) throws IOException, InterruptedException {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "X-API-Key";
        all[headers.length + 1] = API_KEY;
        return get(path, all);
    }

    /** A partner API POST of a JSON body as igate-demo, with extra header name/value pairs. */
    protected static HttpResponse<String> postJson(String path, String json, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("X-API-Key", API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A sandbox control call (fault switches), as the console administrator. */
    protected static HttpResponse<String> put(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).PUT(HttpRequest.BodyPublishers.noBody())
                        .header("Authorization", basic("admin", ADMIN_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many look-ups the sandbox population registry has received. */
    protected static long registryRequests() throws IOException, InterruptedException {
        return Long.parseLong(get("/sandbox/population/stats", "Authorization", basic("admin", ADMIN_PASSWORD)).body().trim());
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            Path base = Path.of("target", "test-data");
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "gateway-").toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
