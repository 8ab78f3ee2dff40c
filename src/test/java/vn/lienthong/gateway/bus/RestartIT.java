package vn.lienthong.gateway.bus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.jms.DeliveryMode;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stop the gateway and start it again on the same data directory: the Artemis journal and the H2
 * database survive, and a tampered e-data document is still reported after the restart.
 */
class RestartIT {

    private java.util.UUID tamperedId;

    @Test
    void journalAndDatabaseSurviveARestart() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(Path.of("target", "test-data"), "restart-");
        int port = GatewayTestSupport.freePort();

        try (ConfigurableApplicationContext first = start(dataDir, port)) {
            JmsTemplate jms = first.getBean(JmsTemplate.class);
            jms.setDeliveryMode(DeliveryMode.PERSISTENT);
            jms.setExplicitQosEnabled(true);
            jms.convertAndSend("gateway.restart-check", "kept across restarts");
            HttpResponse<String> lookup = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/citizens/001203012345"))
                            .header("X-Request-Id", "restart-req-1").header("X-API-Key", GatewayTestSupport.API_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(lookup.statusCode()).isEqualTo(200);

            // an e-data document whose file is then damaged: found out on read, and not forgotten by a restart
            byte[] pdf = vn.lienthong.gateway.edata.EdataFixtures.pdf("restart " + java.util.UUID.randomUUID());
            vn.lienthong.gateway.edata.EdataStore store = first.getBean(vn.lienthong.gateway.edata.EdataStore.class);
            java.util.UUID id = store.deposit(vn.lienthong.gateway.edata.EdataFixtures.request("001203012345", "KQ.G11.000001", "R-1", pdf))
                    .document().id();
            String sha = vn.lienthong.gateway.crypto.Hashes.sha256Hex(pdf);
            Path file = dataDir.resolve("edata").resolve(sha.substring(0, 2)).resolve(sha);
            Files.write(file, "%PDF-1.7 replaced".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.read(id, vn.lienthong.gateway.edata.EdataFixtures.reader("restart-test")))
                    .hasMessageContaining("not served");
            tamperedId = id;
        }

        try (ConfigurableApplicationContext second = start(dataDir, port)) {
            JmsTemplate jms = second.getBean(JmsTemplate.class);
            jms.setReceiveTimeout(5_000);
            TextMessage message = (TextMessage) jms.receive("gateway.restart-check");
            assertThat(message).isNotNull();
            assertThat(message.getText()).isEqualTo("kept across restarts");
            Integer rows = second.getBean(JdbcTemplate.class)
                    .queryForObject("select count(*) from lookup_access_log where request_id = 'restart-req-1'", Integer.class);
            assertThat(rows).isEqualTo(1);
            assertThat(second.getBean(vn.lienthong.gateway.edata.EdataStore.class).tamperedDocuments()).contains(tamperedId);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, int port) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=" + port,
                "--gateway.data-dir=" + dataDir,
                "--gateway.console.admin.password=restart-test",
                "--logging.level.root=WARN",
                "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false");
    }
}
