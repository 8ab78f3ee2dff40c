package vn.lienthong.gateway.production;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayProcess;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.dossier.DossierEvents;
import vn.lienthong.gateway.dossier.PortalHost;
import vn.lienthong.gateway.edata.EdataFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * docs/operations.md's backup and restore for the embedded defaults, done as written: state made through
 * the public API (e-data deposits, dossier events delivered to the portal simulator, look-ups) of a gateway
 * in a process of its own, the gateway stopped (SIGTERM), the whole data directory copied, the original deleted, the copy restored into a fresh directory
 * elsewhere and a new gateway started on it. Every document reads back with its hash and signature
 * verified, every dossier event is still DELIVERED, every message-log record is there and the chain
 * verifies intact.
 */
class BackupRestoreIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN_PASSWORD = "backup-test";
    private static final String OWNER = "001203012345";
    private static final int DOCUMENTS = 4;
    private static final int DOSSIERS = 3;
    private static final int STEPS = 2;

    @Test
    void aBackupRestoredIntoAFreshDirectoryHoldsEveryDocumentDossierEventAndMessageLogRecord() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path original = Files.createTempDirectory(Path.of("target", "test-data"), "backup-original-");
        Path backup = Files.createTempDirectory(Path.of("target", "test-data"), "backup-copy-");
        Path restored = Files.createTempDirectory(Path.of("target", "test-data"), "backup-restored-").resolve("data");
        int port = GatewayTestSupport.freePort();
        int portalPort = GatewayTestSupport.freePort();

        Map<String, byte[]> documents = new LinkedHashMap<>();
        List<String> dossierCodes = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        long records;
        long lastSeq;
        try (ConfigurableApplicationContext portal = PortalHost.start(portalPort)) {
            try (GatewayProcess first = start(original, port, portalPort, "first")) {
                for (int i = 0; i < DOCUMENTS; i++) {
                    byte[] pdf = EdataFixtures.pdf("Giấy khai sinh backup " + i + " " + System.nanoTime());
                    HttpResponse<String> deposited = post(port, "/api/v1/edata/documents", ClusterIT.depositJson("BK-" + System.nanoTime(), pdf));
                    assertThat(deposited.statusCode()).as(deposited.body()).isEqualTo(201);
                    documents.put(JSON.readTree(deposited.body()).path("id").asText(), pdf);
                }
                for (int d = 0; d < DOSSIERS; d++) {
                    String code = DossierEvents.dossierCode(7700 + d);
                    dossierCodes.add(code);
                    for (int s = 1; s <= STEPS; s++) {
                        String id = "backup-" + System.nanoTime() + "-" + d + "-" + s;
                        HttpResponse<String> accepted = post(port, "/api/v1/dossier-events",
                                DossierEvents.progress(id, code, "DANG_XU_LY", "step-" + s));
                        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                        eventIds.add(id);
                    }
                }
                assertThat(get(port, "/api/v1/citizens/" + OWNER, "X-API-Key", GatewayTestSupport.API_KEY).statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> delivered(port, dossierCodes) == eventIds.size());
                assertThat(verify(port).path("ok").asBoolean()).isTrue();
            } // a graceful stop: SIGTERM to the gateway's process, which closes its journal and database
            // the backup, as docs/operations.md says for the embedded defaults: gateway stopped, the whole data directory copied
            copyTree(original, backup);
            // what the backup must hold, read from the original after the copy (opening it leaves the backup untouched)
            try (Connection db = h2(original)) {
                records = count(db, "select count(*) from message_log");
                lastSeq = count(db, "select max(seq) from message_log");
            }
            deleteTree(original); // nothing of the restored gateway may lean on the original directory
            // the restore: the backup copied into a fresh data directory (another path), a new gateway started there
            copyTree(backup, restored);

            long kept;
            try (GatewayProcess second = start(restored, port, portalPort, "restored")) {
                for (Map.Entry<String, byte[]> document : documents.entrySet()) {
                    String id = document.getKey();
                    HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(url(port, "/api/v1/edata/documents/" + id
                                    + "/content?purpose=backup-check"))).header("X-API-Key", GatewayTestSupport.API_KEY).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(content.statusCode()).as("document " + id).isEqualTo(200);
                    assertThat(Hashes.sha256Hex(content.body())).isEqualTo(Hashes.sha256Hex(document.getValue()));
                    // the exported package carries the gateway's signature over the content: it still verifies
                    HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(url(port, "/api/v1/edata/documents/" + id
                                    + "/package?purpose=backup-check"))).header("X-API-Key", GatewayTestSupport.API_KEY).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertThat(zip.statusCode()).isEqualTo(200);
                    HttpResponse<String> verified = post(port, "/api/v1/edata/packages/verify",
                            "{\"package\":\"" + Base64.getEncoder().encodeToString(zip.body()) + "\"}");
                    assertThat(JSON.readTree(verified.body()).path("ok").asBoolean()).as(verified.body()).isTrue();
                }
                long events = 0;
                for (String code : dossierCodes) {
                    JsonNode sync = JSON.readTree(get(port, "/api/v1/dossiers/" + code + "/sync", "X-API-Key", GatewayTestSupport.API_KEY).body());
                    for (JsonNode event : sync.path("events")) {
                        assertThat(eventIds).contains(event.path("eventId").asText());
                        assertThat(event.path("state").asText()).as(event.toString()).isEqualTo("DELIVERED");
                        events++;
                    }
                }
                assertThat(events).isEqualTo(eventIds.size());
                JsonNode chain = verify(port);
                assertThat(chain.path("ok").asBoolean()).as(chain.toString()).isTrue();
                assertThat(chain.path("recordsChecked").asLong()).isGreaterThanOrEqualTo(records);
                System.out.println("BACKUP-RESTORE documents=" + documents.size() + " dossierEvents=" + events
                        + " messageLogRecords=" + records + " (chain verified INTACT after restore: " + chain.path("recordsChecked").asLong()
                        + " records checked, including the checks' own)");
            }
            try (Connection db = h2(restored)) {
                kept = count(db, "select count(*) from message_log where seq <= " + lastSeq);
            }
            assertThat(kept).as("every message-log record of the backup is in the restored database").isEqualTo(records);
        }
    }

    private static GatewayProcess start(Path dataDir, int port, int portalPort, String life) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--gateway.kafka.enabled=false",
                "--gateway.data-dir=" + dataDir,
                "--gateway.console.admin.password=" + ADMIN_PASSWORD,
                "--logging.level.root=WARN",
                "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false",
                "--gateway.sandbox.sftp.enabled=false",
                "--gateway.intake.vnpost.enabled=false",
                "--camel.kamelet.national-portal-action.baseUrl=http://localhost:" + portalPort + "/sandbox/portal",
                "--camel.kamelet.igate-action.baseUrl=http://localhost:" + portalPort + "/sandbox/igate"));
        GatewayTestSupport.dossierSyncProperties((name, value) -> args.add("--" + name + "=" + value.get()));
        return GatewayProcess.launch(args, port, dataDir.toAbsolutePath().getParent().resolve("gateway-" + life + ".log"));
    }

    /** The embedded database of a stopped gateway's data directory. */
    private static Connection h2(Path dataDir) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("gateway") + ";IFEXISTS=TRUE", "gateway", "");
    }

    private static long count(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static long delivered(int port, List<String> codes) throws Exception {
        long n = 0;
        for (String code : codes) {
            for (JsonNode event : JSON.readTree(get(port, "/api/v1/dossiers/" + code + "/sync", "X-API-Key", GatewayTestSupport.API_KEY).body()).path("events")) {
                if ("DELIVERED".equals(event.path("state").asText())) {
                    n++;
                }
            }
        }
        return n;
    }

    private static JsonNode verify(int port) throws Exception {
        return JSON.readTree(get(port, "/admin/message-log/verify", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8))).body());
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }

    private static HttpResponse<String> post(int port, String path, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(port, path)))
                        .header("X-API-Key", GatewayTestSupport.API_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(int port, String path, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(port, path))).header(header, value).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code cp -a from/. to/}: every file and folder, times kept. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
