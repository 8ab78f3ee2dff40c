package vn.lienthong.gateway.dossier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka down while dossier events flow: delivery to the portal goes on, every outcome waits on the
 * persistent queue dossier.outcomes, and once Kafka answers at the configured address every outcome
 * reaches the topic, keyed by dossier code, each event's ACCEPTED before its DELIVERED. "Down" is the
 * gateway's bootstrap address closed: a TCP relay in front of the test's real KRaft broker, opened
 * later (the clients then reach the broker at the address it advertises).
 */
class KafkaOutageIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUTCOMES = "outage.dossier-outcomes";
    private static final int DOSSIERS = 3;
    private static final int STEPS = 3;

    @Test
    void outcomesWaitWhileKafkaIsDownAndAllArriveWhenItIsBack() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(Path.of("target", "test-data"), "kafka-outage-");
        int gatewayPort = GatewayTestSupport.freePort();
        int portalPort = GatewayTestSupport.freePort();
        int kafkaPort = GatewayTestSupport.freePort(); // nothing listens there yet
        KafkaTestBroker.shared().topic(OUTCOMES);

        String[] args = StandaloneGateway.on(dataDir, gatewayPort, portalPort).withKafka("outage.dossier-events", "outage-test")
                .with("gateway.kafka.brokers", "localhost:" + kafkaPort)
                .with("gateway.kafka.outcomes-topic", OUTCOMES).toArray();
        TcpRelay relay = null;
        try (ConfigurableApplicationContext portal = PortalHost.start(portalPort);
             ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class).run(args)) {
            DossierEventStore store = gateway.getBean(DossierEventStore.class);
            List<String> ids = new ArrayList<>();
            for (int step = 1; step <= STEPS; step++) {
                for (int d = 0; d < DOSSIERS; d++) {
                    String id = "outage-" + d + "-" + step;
                    var accepted = DossierRestartIT.post(gatewayPort, DossierEvents.progress(id, DossierEvents.dossierCode(800 + d),
                            "DANG_XU_LY", "step-" + step));
                    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
                    ids.add(id);
                }
            }
            // Kafka is down: the portal still gets every event
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id ->
                    store.find(id).map(e -> e.state() == EventState.DELIVERED).orElse(false)));
            // every outcome is on the queue (counted by the broker, those its consumers hold while retrying included)
            var queue = gateway.getBean(EmbeddedActiveMQ.class).getActiveMQServer().locateQueue("dossier.outcomes");
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.getMessageCount() >= ids.size() * 2L);

            relay = new TcpRelay(kafkaPort, KafkaTestBroker.shared().brokers()); // Kafka is back

            Map<String, List<String>> outcomes = new HashMap<>();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                outcomes.clear();
                for (ConsumerRecord<String, String> r : KafkaTestBroker.shared().readAll(OUTCOMES, Duration.ofSeconds(2))) {
                    JsonNode outcome = JSON.readTree(r.value());
                    assertThat(r.key()).isEqualTo(outcome.path("dossierCode").asText());
                    outcomes.computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(outcome.path("eventId").asText() + ":" + outcome.path("outcome").asText());
                }
                return outcomes.values().stream().mapToLong(l -> l.stream().distinct().count()).sum() >= ids.size() * 2L;
            });
            for (int d = 0; d < DOSSIERS; d++) {
                List<String> mine = outcomes.get(DossierEvents.dossierCode(800 + d));
                for (int step = 1; step <= STEPS; step++) {
                    String id = "outage-" + d + "-" + step;
                    assertThat(mine).contains(id + ":ACCEPTED", id + ":DELIVERED");
                    assertThat(mine.indexOf(id + ":ACCEPTED")).as("accepted before delivered").isLessThan(mine.indexOf(id + ":DELIVERED"));
                }
            }
        } finally {
            if (relay != null) {
                relay.close();
            }
        }
    }

    /** Relays every connection accepted on localhost:port to target (host:port), both ways, until closed. */
    private static final class TcpRelay implements AutoCloseable {
        private final java.net.ServerSocket server;

        TcpRelay(int port, String target) throws java.io.IOException {
            server = new java.net.ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress());
            String host = target.substring(0, target.lastIndexOf(':'));
            int targetPort = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        java.net.Socket in = server.accept();
                        java.net.Socket out = new java.net.Socket(host, targetPort);
                        pump(in, out);
                        pump(out, in);
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
        }

        private static void pump(java.net.Socket from, java.net.Socket to) {
            daemon(() -> {
                try (from; to) {
                    from.getInputStream().transferTo(to.getOutputStream());
                } catch (java.io.IOException ignored) {
                    // either side closed
                }
            });
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "kafka-relay");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws java.io.IOException {
            server.close();
        }
    }
}
