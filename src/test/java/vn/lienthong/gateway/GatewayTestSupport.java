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
        for (String connector : new String[]{"business-registry-action", "social-insurance-action", "land-registry-action"}) {
            registry.add("camel.kamelet." + connector + ".timeoutMillis", () -> REGISTRY_TIMEOUT_MS);
            registry.add("camel.kamelet." + connector + ".openStateSeconds", () -> 1);
            registry.add("camel.kamelet." + connector + ".minimumNumberOfCalls", () -> 4);
        }
        registry.add("gateway.reuse.registry-budget", () -> REUSE_BUDGET_MS + "ms");
        registry.add("gateway.http.max-body-bytes", () -> "1MB");
        registry.add("logging.level.root", () -> "WARN");