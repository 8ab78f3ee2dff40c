package vn.lienthong.gateway.api;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A national system added with files only (src/test/resources/files-only/: a Kamelet, a route declaring
 * {@code routeConfigurationId: partner-api} made of the documented steps, an XSLT, error codes, an identifier type and
 * a partner file; no Java for it), served by the real gateway against a fake registry on loopback. Its own context:
 * only the shared routes/partner-api.camel.yaml and the fixture's route are loaded.
 */
@CamelSpringBootTest
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class FilesOnlySystemIT {

    private static final String FIXTURE = "src/test/resources/files-only";
    private static final String KEY = "merit-desk-key";
    private static final String KNOWN = "NCC-000123";
    private static final int PORT = GatewayTestSupport.freePort();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicBoolean UPSTREAM_DOWN = new AtomicBoolean();
    private static final AtomicInteger UPSTREAM_CALLS = new AtomicInteger();
    private static final HttpServer UPSTREAM = upstream();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target", "test-data")), "files-only-").toAbsolutePath();
        registry.add("server.port", () -> PORT);
        registry.add("gateway.data-dir", data::toString);
        registry.add("gateway.console.admin.password", () -> GatewayTestSupport.ADMIN_PASSWORD);
        registry.add("gateway.console.viewer.password", () -> GatewayTestSupport.VIEWER_PASSWORD);
        registry.add("logging.level.root", () -> "WARN");
        registry.add("logging.level.gateway.files-only", () -> "INFO");
        // the system's files, and nothing else but the shared partner-api configuration
        // routes: the shared partner-api configuration and the system's route; connectors: the shipped ones (the reuse
        // check's catalogue names them) and the system's
        Path routes = Files.createDirectories(data.resolve("routes"));
        Files.copy(Path.of("routes/partner-api.camel.yaml"), routes.resolve("partner-api.camel.yaml"));
        Path connectors = Files.createDirectories(data.resolve("connectors"));
        for (Path dir : List.of(Path.of("connectors"), Path.of(FIXTURE, "connectors"))) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.copy(f, connectors.resolve(f.getFileName()));
                }
            }
        }
        try (var files = Files.list(Path.of(FIXTURE, "routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        registry.add("gateway.routes-location", routes::toString);
        registry.add("gateway.connectors-location", connectors::toString);
        registry.add("gateway.partners.file", () -> FIXTURE + "/config/partners.yaml");
        registry.add("gateway.error-codes.file", () -> FIXTURE + "/mappings/error-codes.yaml");
        registry.add("gateway.identifier-types.file", () -> FIXTURE + "/mappings/identifier-types.yaml");
        registry.add("camel.kamelet.merit-registry-action.baseUrl", () -> "http://127.0.0.1:" + UPSTREAM.getAddress().getPort());
        // the shipped flows' pollers are not loaded here
        registry.add("gateway.axis.poll-enabled", () -> false);
        registry.add("gateway.dossier.online.enabled", () -> false);
        registry.add("gateway.intake.vnpost.enabled", () -> false);
        registry.add("gateway.sandbox.sftp.enabled", () -> false);
    }

    @AfterEach
    void upstreamUp() {
        UPSTREAM_DOWN.set(false);
    }

    @AfterAll
    static void stopUpstream() {
        UPSTREAM.stop(0);
    }

    @Test
    void aGrantedPartnerGetsTheMappedRecordWithOneAccessLogRowAndMessageLogRecordsUnderItsRequestId() throws Exception {
        HttpResponse<String> response = get("/api/v1/merit-records/" + KNOWN + "?purpose=tiep-nhan-ho-so&onBehalfOf=can-bo-01",
                "X-API-Key", KEY, "X-Request-Id", "merit-ok-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("merit-ok-1");
        // nothing the caller or the registry sent as a header comes back
        assertThat(response.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("X-API-Key") || h.equalsIgnoreCase("RegistryOutcome")
                || h.equalsIgnoreCase("X-Upstream"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("certificateNumber").asText()).isEqualTo(KNOWN);
        assertThat(body.path("fullName").asText()).isEqualTo("Nguyễn Văn Công");

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select requester, service, subject_id, purpose, on_behalf_of, outcome from lookup_access_log where request_id = 'merit-ok-1'");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("REQUESTER", "merit-desk").containsEntry("SERVICE", "merit.lookup")
                .containsEntry("SUBJECT_ID", KNOWN).containsEntry("PURPOSE", "tiep-nhan-ho-so")
                .containsEntry("ON_BEHALF_OF", "can-bo-01").containsEntry("OUTCOME", "OK");

        List<Map<String, Object>> records = messageLog("merit-ok-1", 2);
        assertThat(records).extracting(r -> r.get("DIRECTION") + " " + r.get("PARTNER_ID") + " " + r.get("SERVICE") + " " + r.get("OUTCOME"))
                .containsExactlyInAnyOrder("OUTBOUND merit-registry merit.lookup OK", "INBOUND merit-desk merit.lookup OK");
    }

    @Test
    void anUnknownRecordIsTheCataloguesCoded404RecordedAsSuch() throws Exception {
        HttpResponse<String> response = get("/api/v1/merit-records/NCC-999999", "X-API-Key", KEY, "X-Request-Id", "merit-404");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("merit-404");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).isEqualTo("MERIT_RECORD_NOT_FOUND");
        assertThat(body.path("message").asText()).isEqualTo("The merit registry has no record with this certificate number.");
        assertThat(body.path("requestId").asText()).isEqualTo("merit-404");
        assertThat(jdbc.queryForList("select outcome, subject_id from lookup_access_log where request_id = 'merit-404'"))
                .containsExactly(Map.of("OUTCOME", "MERIT_RECORD_NOT_FOUND", "SUBJECT_ID", "NCC-999999"));
        assertThat(messageLog("merit-404", 2)).anySatisfy(r -> assertThat(r).containsEntry("DIRECTION", "INBOUND")
                .containsEntry("PARTNER_ID", "merit-desk").containsEntry("OUTCOME", "MERIT_RECORD_NOT_FOUND").containsEntry("HTTP_STATUS", 404));

        HttpResponse<String> vietnamese = get("/api/v1/merit-records/NCC-999998", "X-API-Key", KEY, "Accept-Language", "vi-VN,vi;q=0.9");
        assertThat(JSON.readTree(vietnamese.body()).path("message").asText())
                .isEqualTo("Không tìm thấy hồ sơ người có công với số giấy chứng nhận này.");
    }

    @Test
    void aMalformedIdentifierIsTheCataloguesCoded400AndNothingIsCalled() throws Exception {
        int calls = UPSTREAM_CALLS.get();
        HttpResponse<String> response = get("/api/v1/merit-records/NCC-12", "X-API-Key", KEY, "X-Request-Id", "merit-400");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).isEqualTo("MERIT_CERTIFICATE_INVALID");
        assertThat(body.path("message").asText()).isEqualTo("A merit certificate number is written NCC-123456.");
        assertThat(body.path("requestId").asText()).isEqualTo("merit-400");
        assertThat(UPSTREAM_CALLS.get()).isEqualTo(calls);
        assertThat(messageLog("merit-400", 1)).singleElement().satisfies(r -> assertThat(r).containsEntry("PARTNER_ID", "merit-desk")
                .containsEntry("SERVICE", "merit.lookup").containsEntry("OUTCOME", "MERIT_CERTIFICATE_INVALID").containsEntry("HTTP_STATUS", 400));
    }

    @Test
    void theGateRefusesWithoutCredentialsWithoutGrantAndAboveTheRate() throws Exception {
        assertThat(get("/api/v1/merit-records/" + KNOWN).statusCode()).isEqualTo(401);
        HttpResponse<String> notGranted = get("/api/v1/merit-records/" + KNOWN, "X-API-Key", "other-desk-key");
        assertThat(notGranted.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(notGranted.body()).path("code").asText()).isEqualTo("SERVICE_NOT_GRANTED");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(get("/api/v1/merit-records/" + KNOWN, "X-API-Key", "tight-desk-key").statusCode());
        }
        assertThat(statuses).contains(200, 429);
    }

    @Test
    void aRegistryDownIs503UpstreamUnavailableAndTheConnectorHasItsHealthEntry() throws Exception {
        JsonNode up = JSON.readTree(get("/actuator/health/connectors/merit-registry-action",
                "Authorization", basic("admin", GatewayTestSupport.ADMIN_PASSWORD)).body());
        assertThat(up.path("status").asText()).isEqualTo("UP");

        UPSTREAM_DOWN.set(true);
        HttpResponse<String> response = get("/api/v1/merit-records/" + KNOWN, "X-API-Key", KEY, "X-Request-Id", "merit-down");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(jdbc.queryForObject("select outcome from lookup_access_log where request_id = 'merit-down'", String.class))
                .isEqualTo("UPSTREAM_UNAVAILABLE");
        JsonNode down = JSON.readTree(get("/actuator/health/connectors/merit-registry-action",
                "Authorization", basic("admin", GatewayTestSupport.ADMIN_PASSWORD)).body());
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void theIdentifierIsMaskedInTheLogByItsTypesRule() throws Exception {
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE");
        var layout = ((LayoutWrappingEncoder<ILoggingEvent>) console.getEncoder()).getLayout();
        List<String> lines = new ArrayList<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(layout.doLayout(event));
            }
        };
        capture.start();
        Logger routeLog = logback.getLogger("gateway.files-only");
        routeLog.addAppender(capture);
        try {
            assertThat(get("/api/v1/merit-records/" + KNOWN, "X-API-Key", KEY).statusCode()).isEqualTo(200);
        } finally {
            routeLog.detachAppender(capture);
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Merit record look-up of NCC-****23"));
        assertThat(String.join("\n", lines)).doesNotContain(KNOWN);
    }

    /** The message-log records of a request id, once at least {@code count} are committed. */
    private List<Map<String, Object>> messageLog(String requestId, int count) throws InterruptedException {
        List<Map<String, Object>> records = List.of();
        for (int i = 0; i < 50 && records.size() < count; i++) {
            records = jdbc.queryForList("select direction, partner_id, service, outcome, http_status from message_log where request_id = ?", requestId);
            if (records.size() < count) {
                Thread.sleep(100);
            }
        }
        return records;
    }

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The fake merit registry: /health, and /records?so=... answering one known record in XML, 404 otherwise, 503 when down. */
    private static HttpServer upstream() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/health", exchange -> answer(exchange, UPSTREAM_DOWN.get() ? 503 : 200, "text/plain", "ok"));
            server.createContext("/records", exchange -> {
                UPSTREAM_CALLS.incrementAndGet();
                String query = exchange.getRequestURI().getRawQuery();
                exchange.getResponseHeaders().add("X-Upstream", "merit");
                if (UPSTREAM_DOWN.get()) {
                    answer(exchange, 503, "text/plain", "down");
                } else if (("so=" + KNOWN).equals(query)) {
                    answer(exchange, 200, "application/xml", "<ketQua><banGhi><soGiayChungNhan>" + KNOWN
                            + "</soGiayChungNhan><hoTen>Nguyễn Văn Công</hoTen><loaiDoiTuong>thuong-binh</loaiDoiTuong></banGhi></ketQua>");
                } else {
                    answer(exchange, 404, "application/xml", "<ketQua/>");
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + "; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
