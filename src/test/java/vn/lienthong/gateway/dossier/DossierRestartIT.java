package vn.lienthong.gateway.dossier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * The gateway stopped in the middle of delivering dossier events and started again on the same data
 * directory: the portal (a simulator in its own application, alive across the gateway's restart)
 * receives every accepted event exactly once, each dossier's events in order. Some dossiers' events come
 * from iGate's Kafka topic instead, half of them produced while the gateway is down.
 */
class DossierRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int DOSSIERS = 10;
    private static final int STEPS = 8;
    /** Dossiers whose events come from iGate's Kafka topic: half their steps before the stop, half while the gateway is down. */
    private static final int KAFKA_DOSSIERS = 4;
    private static final String KAFKA_TOPIC = "restart.dossier-events";

    @Test
    void everyAcceptedEventReachesThePortalExactlyOnceAcrossARestart() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(Path.of("target", "test-data"), "dossier-restart-");
        int gatewayPort = GatewayTestSupport.freePort();
        int portalPort = GatewayTestSupport.freePort();

        try (ConfigurableApplicationContext portal = PortalHost.start(portalPort)) {
            // a slow portal: the queue is still full when the gateway stops
            portal.getBean(SandboxFaults.class).set("portal", SandboxFaults.Mode.SLOW, 2000);
            List<String> accepted = new ArrayList<>();
            KafkaTestBroker kafka = KafkaTestBroker.shared();
            sendKafkaSteps(kafka, 1, STEPS / 2, accepted);
            try (ConfigurableApplicationContext first = start(dataDir, gatewayPort, portalPort)) {
                for (int s = 1; s <= STEPS; s++) {
                    for (int d = 0; d < DOSSIERS; d++) {
                        String id = "restart-" + d + "-" + s;
                        HttpResponse<String> r = post(gatewayPort, DossierEvents.progress(id, DossierEvents.dossierCode(500 + d),
                                "DANG_XU_LY", "step-" + s));
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                        accepted.add(id);
                    }
                }
                portal.getBean(SandboxFaults.class).set("portal", SandboxFaults.Mode.SLOW, 300);
                DossierEventStore firstStore = first.getBean(DossierEventStore.class);
                // the first half of the Kafka events are taken (and their offsets committed) before the stop
                await().atMost(Duration.ofSeconds(60)).until(() -> accepted.stream().filter(id -> id.startsWith("restart-k"))
                        .allMatch(id -> firstStore.find(id).isPresent()));
                await().atMost(Duration.ofSeconds(60)).until(() -> stats(portalPort).path("accepted").asLong() >= 10);
            }
            long beforeRestart = stats(portalPort).path("accepted").asLong();
            assertThat(beforeRestart).as("stopped mid-stream").isLessThan(accepted.size());
            // iGate goes on producing while the gateway is down
            sendKafkaSteps(kafka, STEPS / 2 + 1, STEPS, accepted);

            portal.getBean(SandboxFaults.class).clear("portal");
            try (ConfigurableApplicationContext second = start(dataDir, gatewayPort, portalPort)) {
                DossierEventStore store = second.getBean(DossierEventStore.class);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .until(() -> store.count(EventState.DELIVERED) == accepted.size());
                Thread.sleep(1000); // a duplicate, if any, would arrive now
                assertThat(stats(portalPort).path("accepted").asLong()).isEqualTo((DOSSIERS + KAFKA_DOSSIERS) * STEPS);
                for (int d = 0; d < DOSSIERS + KAFKA_DOSSIERS; d++) {
                    List<String> contents = new ArrayList<>();
                    receipts(portalPort, DossierEvents.dossierCode(500 + d)).forEach(r -> contents.add(r.path("content").asText()));
                    assertThat(contents).as("dossier " + d).containsExactly(
                            "step-1", "step-2", "step-3", "step-4", "step-5", "step-6", "step-7", "step-8");
                }
            }
        }
    }

    /** Steps from..to of the Kafka dossiers, keyed by dossier code as iGate produces them. */
    private static void sendKafkaSteps(KafkaTestBroker kafka, int from, int to, List<String> accepted) {
        List<org.apache.kafka.clients.producer.ProducerRecord<String, String>> records = new ArrayList<>();
        for (int s = from; s <= to; s++) {
            for (int d = DOSSIERS; d < DOSSIERS + KAFKA_DOSSIERS; d++) {
                String id = "restart-k" + d + "-" + s;
                String code = DossierEvents.dossierCode(500 + d);
                records.add(KafkaTestBroker.record(KAFKA_TOPIC, code, DossierEvents.progress(id, code, "DANG_XU_LY", "step-" + s)));
                accepted.add(id);
            }
        }
        kafka.topic(KAFKA_TOPIC);
        kafka.send(records);
    }

    private static ConfigurableApplicationContext start(Path dataDir, int port, int portalPort) {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(StandaloneGateway.on(dataDir, port, portalPort).withKafka(KAFKA_TOPIC, "restart-test").toArray());
    }

    /** A dossier event posted as igate-demo to the gateway on this port. */
    static HttpResponse<String> post(int port, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/dossier-events"))
                .header("X-API-Key", GatewayTestSupport.API_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The portal simulator's counters. */
    static JsonNode stats(int portalPort) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portalPort + "/sandbox/portal/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode receipts(int portalPort, String code) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portalPort + "/sandbox/portal/stats?maHoSo=" + code)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
