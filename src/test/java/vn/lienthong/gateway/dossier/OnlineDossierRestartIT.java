package vn.lienthong.gateway.dossier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.sandbox.SandboxFaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway stopped while it forwards the portal's online dossiers to iGate and started again on the same
 * data directory: iGate (a simulator in its own application with the portal's, alive across the restart)
 * receives every online dossier exactly once, and the second life fetches none of them again.
 */
class OnlineDossierRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int DOSSIERS = 12;

    @Test
    void everyOnlineDossierReachesIgateExactlyOnceAcrossARestart() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(Path.of("target", "test-data"), "online-restart-");
        int gatewayPort = GatewayTestSupport.freePort();
        int hostPort = GatewayTestSupport.freePort();

        try (ConfigurableApplicationContext host = PortalHost.start(hostPort)) {
            SandboxFaults faults = host.getBean(SandboxFaults.class);
            faults.set("igate", SandboxFaults.Mode.SLOW, 1500); // the queue is still full when the gateway stops
            List<String> codes = new ArrayList<>();
            JSON.readTree(send(hostPort, "PUT", "/sandbox/faults/portal/online-dossiers?count=" + DOSSIERS))
                    .path("submitted").forEach(c -> codes.add(c.asText()));
            try (ConfigurableApplicationContext first = start(dataDir, gatewayPort, hostPort)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> received(hostPort) >= 2);
                faults.set("igate", SandboxFaults.Mode.SLOW, 300);
            }
            long beforeRestart = received(hostPort);
            assertThat(beforeRestart).as("stopped mid-stream").isLessThan(DOSSIERS);

            faults.clear("igate");
            try (ConfigurableApplicationContext second = start(dataDir, gatewayPort, hostPort)) {
                OnlineDossiers dossiers = second.getBean(OnlineDossiers.class);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .until(() -> codes.stream().allMatch(c -> "FORWARDED".equals(dossiers.state(c))));
                Thread.sleep(1000); // a duplicate, if any, would arrive now
                JsonNode perDossier = JSON.readTree(send(hostPort, "GET", "/sandbox/igate/stats")).path("dossiers");
                for (String code : codes) {
                    assertThat(perDossier.path(code).asLong()).as(code).isEqualTo(1);
                }
                assertThat(perDossier.size()).isEqualTo(DOSSIERS);
            }
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, int port, int hostPort) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(StandaloneGateway.on(dataDir, port, hostPort)
                // a call that times out may have reached iGate (its answer lost): the one way to a duplicate, not what
                // this test is about, so the slow iGate stays well inside the timeout on a busy machine
                .with("camel.kamelet.igate-action.timeoutMillis", 10000)
                .with("gateway.dossier.online.enabled", true).toArray());
    }

    private static long received(int hostPort) throws Exception {
        JsonNode perDossier = JSON.readTree(send(hostPort, "GET", "/sandbox/igate/stats")).path("dossiers");
        long n = 0;
        for (JsonNode count : perDossier) {
            n += count.asLong();
        }
        return n;
    }

    private static String send(int port, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
