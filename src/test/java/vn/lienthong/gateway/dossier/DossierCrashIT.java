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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayProcess;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.sandbox.SandboxFaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway killed, not stopped: a separate JVM running the real application on its own data directory
 * (embedded Artemis journal, H2 file) is ended with SIGKILL while events are being delivered and while
 * Kafka records are being taken, then started again on the same directory. Every event that was
 * acknowledged (202, or a committed Kafka offset) reaches the portal simulator (in this JVM, alive across
 * the crash), each dossier in order. The one repeat a kill can cause is the portal call in flight at
 * that instant (the portal processed it, the gateway never heard): it shows as the same step twice in a
 * row, and there are never more of them than delivery consumers.
 */
class DossierCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int HTTP_DOSSIERS = 8;
    private static final int KAFKA_DOSSIERS = 4;
    private static final int STEPS = 5;
    private static final int CONSUMERS = 4;
    private static final String KAFKA_TOPIC = "crash.dossier-events";

    @Test
    void eventsAcknowledgedBeforeAKillAreAllDeliveredInOrderAfterTheRestart() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(Path.of("target", "test-data"), "dossier-crash-");
        int gatewayPort = GatewayTestSupport.freePort();
        int portalPort = GatewayTestSupport.freePort();
        KafkaTestBroker kafka = KafkaTestBroker.shared();
        kafka.topic(KAFKA_TOPIC);

        try (ConfigurableApplicationContext portal = PortalHost.start(portalPort)) {
            SandboxFaults faults = portal.getBean(SandboxFaults.class);
            faults.set("portal", SandboxFaults.Mode.SLOW, 1000); // the queue is still full at the kill
            GatewayProcess first = launch(dataDir, gatewayPort, portalPort, 1);
            try {
                for (int step = 1; step <= STEPS; step++) {
                    for (int d = 0; d < HTTP_DOSSIERS; d++) {
                        HttpResponse<String> r = DossierRestartIT.post(gatewayPort, DossierEvents.progress("crash-" + d + "-" + step,
                                DossierEvents.dossierCode(700 + d), "DANG_XU_LY", "step-" + step));
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                    }
                }
                List<ProducerRecord<String, String>> records = new ArrayList<>();
                for (int step = 1; step <= STEPS; step++) {
                    for (int k = 0; k < KAFKA_DOSSIERS; k++) {
                        String code = DossierEvents.dossierCode(700 + HTTP_DOSSIERS + k);
                        records.add(KafkaTestBroker.record(KAFKA_TOPIC, code,
                                DossierEvents.progress("crash-k" + k + "-" + step, code, "DANG_XU_LY", "step-" + step)));
                    }
                }
                kafka.send(records);
                await().atMost(Duration.ofSeconds(90)).until(() -> DossierRestartIT.stats(portalPort).path("accepted").asLong() >= CONSUMERS);
            } finally {
                first.kill(); // SIGKILL: no shutdown hook, no graceful stop of anything
            }
            long beforeRestart = DossierRestartIT.stats(portalPort).path("accepted").asLong();
            int all = (HTTP_DOSSIERS + KAFKA_DOSSIERS) * STEPS;
            assertThat(beforeRestart).as("killed mid-stream").isLessThan(all);

            faults.clear("portal");
            GatewayProcess second = launch(dataDir, gatewayPort, portalPort, 2);
            try {
                List<String> missing = new ArrayList<>();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    missing.clear();
                    for (int d = 0; d < HTTP_DOSSIERS + KAFKA_DOSSIERS; d++) {
                        if (distinctSteps(portalPort, d).size() < STEPS) {
                            missing.add(DossierEvents.dossierCode(700 + d));
                        }
                    }
                    return missing.isEmpty();
                });
                Thread.sleep(1000); // a late duplicate, if any, would arrive now
                long repeats = DossierRestartIT.stats(portalPort).path("accepted").asLong() - all;
                System.out.printf("Crash test: %d of %d events confirmed by the portal before the kill, all %d after the restart, "
                        + "%d repeated (portal calls in flight at the kill)%n", beforeRestart, all, all, repeats);
                assertThat(repeats).as("only portal calls in flight at the kill may repeat").isBetween(0L, (long) CONSUMERS);
                for (int d = 0; d < HTTP_DOSSIERS + KAFKA_DOSSIERS; d++) {
                    assertThat(distinctSteps(portalPort, d)).as("dossier %d in order", d)
                            .containsExactly("step-1", "step-2", "step-3", "step-4", "step-5");
                }
            } finally {
                second.close();
            }
        }
    }

    /** The steps the portal received for dossier d, a step repeated in a row counted once. */
    private static List<String> distinctSteps(int portalPort, int d) throws Exception {
        List<String> steps = new ArrayList<>();
        for (JsonNode receipt : JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + portalPort
                + "/sandbox/portal/stats?maHoSo=" + DossierEvents.dossierCode(700 + d))).build(), HttpResponse.BodyHandlers.ofString()).body())) {
            String step = receipt.path("content").asText();
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step)) {
                steps.add(step);
            }
        }
        return steps;
    }

    /** The real gateway in a JVM of its own, on the data directory; returns once it answers. */
    private static GatewayProcess launch(Path dataDir, int port, int portalPort, int life) throws Exception {
        List<String> arguments = StandaloneGateway.on(dataDir, port, portalPort).withKafka(KAFKA_TOPIC, "crash-test")
                .with("gateway.dossier.consumers", CONSUMERS).arguments();
        return GatewayProcess.launch(arguments, port, dataDir.resolveSibling(dataDir.getFileName() + "-life" + life + ".log"));
    }
}
