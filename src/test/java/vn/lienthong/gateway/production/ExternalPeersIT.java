package vn.lienthong.gateway.production;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.GatewayProcess;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.dossier.DossierEvents;
import vn.lienthong.gateway.edata.EmbeddedPostgresServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #23, finding 9: {@code GATEWAY_DB_URL} and {@code GATEWAY_ARTEMIS_URL} (real environment variables of the process)
 * point the default profile — sandbox on — at an external PostgreSQL and an external Artemis broker (over TLS), instead of
 * being ignored in favour of the H2 file and the embedded broker. An accepted event's row is in that PostgreSQL, it was
 * delivered through that broker, and neither an H2 file nor an embedded journal was made in the data directory.
 */
class ExternalPeersIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void theDefaultProfileUsesTheDatabaseAndTheBrokerTheEnvironmentNames() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path root = Files.createTempDirectory(Path.of("target", "test-data"), "external-peers-");
        Path dataDir = root.resolve("data");
        int port = GatewayTestSupport.freePort();
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
             ArtemisTcpBroker broker = new ArtemisTcpBroker(root.resolve("broker"))) {
            Map<String, String> environment = Map.of(
                    "GATEWAY_DB_URL", postgres.jdbcUrl(),
                    "GATEWAY_DB_USER", postgres.user(),
                    "GATEWAY_DB_PASSWORD", "",
                    "GATEWAY_ARTEMIS_URL", broker.url());
            List<String> arguments = List.of(
                    "--server.port=" + port,
                    "--gateway.data-dir=" + dataDir,
                    "--gateway.console.admin.password=external-peers-test",
                    "--logging.level.root=WARN",
                    "--spring.jmx.enabled=false",
                    "--camel.main.jmx-enabled=false",
                    "--gateway.sandbox.sftp.enabled=false",
                    "--gateway.intake.vnpost.enabled=false",
                    "--gateway.dossier.online.enabled=false");
            try (GatewayProcess gateway = GatewayProcess.launch(arguments, environment, port, root.resolve("gateway.log"))) {
                String code = DossierEvents.dossierCode(980);
                HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url("/api/v1/dossier-events")))
                        .header("X-API-Key", GatewayTestSupport.API_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(DossierEvents.dossier("ext-peers-1", code), StandardCharsets.UTF_8))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

                // delivered (the delivery reads the event from the broker's queue), as that PostgreSQL says
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> "DELIVERED".equals(state(postgres, "ext-peers-1")));
            }
            assertThat(dataDir.resolve("db")).as("no H2 database beside the external one").doesNotExist();
            assertThat(dataDir.resolve("artemis")).as("no embedded broker beside the external one").doesNotExist();
            assertThat(root.resolve("broker").resolve("journal")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".amq"));
        }
    }

    private static String state(EmbeddedPostgresServer postgres, String eventId) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             PreparedStatement select = connection.prepareStatement("select state from dossier_event where event_id = ?")) {
            select.setString(1, eventId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
