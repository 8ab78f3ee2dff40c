package vn.lienthong.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayTestSupport;

/**
 * What the run command does on a fresh machine: the sandbox's digitization partner serves SFTP, the
 * vnpost connector's default key and known_hosts (generated into the data directory) let the intake
 * in and nobody else, and a demo batch delivered by the partner is taken in with its receipt:
 * 4 items accepted, the hash mismatch and the invalid owner ID refused. Only the port is set here.
 */
class SandboxSftpIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aDemoBatchFromTheSandboxPartnerIsTakenInOutOfTheBox() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(Path.of("target", "test-data"), "sandbox-sftp-");
        int port = GatewayTestSupport.freePort();
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=" + port,
                "--gateway.data-dir=" + dataDir,
                "--gateway.console.admin.password=sftp-test",
                "--gateway.sandbox.sftp.port=" + GatewayTestSupport.freePort(),
                "--camel.kamelet.vnpost-digitization-source.pollMillis=250",
                "--logging.level.root=WARN",
                "--spring.jmx.enabled=false",
                "--camel.main.jmx-enabled=false")) {
            String admin = "Basic " + Base64.getEncoder().encodeToString("admin:sftp-test".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/sftp/demo-batch"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as("a sandbox control, for the console admin").isEqualTo(401);

            HttpResponse<String> delivered = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/sftp/demo-batch"))
                    .header("Authorization", admin).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(201);
            String batchId = JSON.readTree(delivered.body()).path("batchId").asText();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                HttpResponse<String> progress = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/intake/batches/" + batchId))
                        .header("X-API-Key", GatewayTestSupport.API_KEY).build(), HttpResponse.BodyHandlers.ofString());
                return progress.statusCode() == 200 && JSON.readTree(progress.body()).path("pending").asInt(-1) == 0
                        && JSON.readTree(progress.body()).path("total").asInt() == 6;
            });
            JsonNode progress = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/intake/batches/" + batchId))
                    .header("X-API-Key", GatewayTestSupport.API_KEY).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(progress.path("accepted").asInt()).isEqualTo(4);
            assertThat(progress.path("refused").asInt()).isEqualTo(2);

            Path done = dataDir.resolve("sandbox-sftp").resolve("home").resolve("done");
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try (var folders = Files.list(done)) {
                    return folders.anyMatch(f -> f.getFileName().toString().startsWith(batchId) && Files.exists(f.resolve("receipt.xml")));
                }
            });
            try (var folders = Files.list(done)) {
                Path receipt = folders.filter(f -> f.getFileName().toString().startsWith(batchId)).findFirst().orElseThrow().resolve("receipt.xml");
                assertThat(Files.readString(receipt)).contains("INTAKE_HASH_MISMATCH", "OWNER_ID_INVALID");
            }
        }
    }
}
