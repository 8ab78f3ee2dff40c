package vn.lienthong.gateway.dossier;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayProcess;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #23, findings 7 and 8: no ACCEPTED or DELIVERED outcome is lost by a crash, wherever it lands. The real
 * gateway runs in a JVM of its own on one data directory (H2 file, embedded Artemis journal) and Kafka on; each life
 * is started with a crash point ({@code gateway.test.crash-point}, {@link CrashPoint}) at which it halts
 * ({@code Runtime.halt}, as SIGKILL) the first time it gets there — between the row and the queue at intake, between
 * the queue and the QUEUED mark, between the DELIVERED commit and the queue's acknowledgement, between the outcome's
 * send to dossier.outcomes and its outbox row's deletion, between Kafka's acknowledgement and the queue's — one life per
 * point, then a last life without. iGate is played as it behaves: an event whose POST got no 202 is posted again in
 * the next life, once what the gateway took before the crash is delivered (so that the retry of an event delivered
 * meanwhile is a repeat, which must not cost its ACCEPTED). At the end every event is delivered and the outcomes topic holds, for each, at least one ACCEPTED and
 * at least one DELIVERED, the ACCEPTED first.
 */
class DossierOutcomeCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> POINTS = List.of("intake-received", "intake-enqueued", "delivery-delivered",
            "outcome-relayed", "outcome-published");
    private static final int DOSSIERS = 4;
    private static final int STEPS = 3;
    private static final String EVENTS_TOPIC = "outcome-crash.dossier-events";
    private static final String OUTCOMES_TOPIC = "outcome-crash.dossier-outcomes";

    @Test
    void everyOutcomeOwedIsOnTheTopicAfterACrashBetweenAnyTwoSteps() throws Exception {
        Files.createDirectories(Path.of("target", "test-data"));
        Path dataDir = Files.createTempDirectory(Path.of("target", "test-data"), "outcome-crash-");
        int gatewayPort = GatewayTestSupport.freePort();
        int portalPort = GatewayTestSupport.freePort();
        KafkaTestBroker kafka = KafkaTestBroker.shared();
        kafka.topic(EVENTS_TOPIC);
        kafka.topic(OUTCOMES_TOPIC);

        Map<String, String> events = new LinkedHashMap<>(); // event id -> its JSON, in the order iGate sends them
        for (int step = 1; step <= STEPS; step++) {
            for (int d = 0; d < DOSSIERS; d++) {
                String code = DossierEvents.dossierCode(900 + d);
                String id = "oc-" + d + "-" + step;
                events.put(id, step == 1 ? DossierEvents.dossier(id, code) : DossierEvents.progress(id, code, "DANG_XU_LY", "step-" + step));
            }
        }
        Set<String> answered = new LinkedHashSet<>();

        try (ConfigurableApplicationContext portal = PortalHost.start(portalPort)) {
            int life = 0;
            for (String point : POINTS) {
                life++;
                Path log = dataDir.resolveSibling(dataDir.getFileName() + "-life" + life + ".log");
                Process gateway = launch(dataDir, gatewayPort, portalPort, point, log);
                try {
                    // iGate retries an unanswered event later, not at once: what the gateway queued before the crash is
                    // delivered first (so a retry of an event delivered meanwhile is a repeat), unless the life halts on the
                    // way; an event whose row was written but never queued waits for the retry, so the wait is bounded
                    try {
                        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                                .until(() -> !gateway.isAlive() || nothingPending(gatewayPort));
                    } catch (ConditionTimeoutException stillPending) {
                        // the event written before the crash but not queued: its retry queues it
                    }
                    if (gateway.isAlive()) {
                        postUnanswered(gatewayPort, events, answered);
                    }
                    // the points after the intake are reached by the delivery, the relay or the publisher: wait for the halt
                    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> !gateway.isAlive());
                } finally {
                    gateway.destroyForcibly();
                }
                assertThat(Files.readString(log)).as("life %d halted at %s", life, point).contains("Crash point '" + point + "' reached");
            }

            Process last = launch(dataDir, gatewayPort, portalPort, null,
                    dataDir.resolveSibling(dataDir.getFileName() + "-life" + (life + 1) + ".log"));
            try {
                postUnanswered(gatewayPort, events, answered);
                assertThat(answered).as("every event accepted in the end").hasSize(events.size());
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    for (int d = 0; d < DOSSIERS; d++) {
                        for (JsonNode e : sync(gatewayPort, DossierEvents.dossierCode(900 + d)).path("events")) {
                            if (!"DELIVERED".equals(e.path("state").asText())) {
                                return false;
                            }
                        }
                    }
                    return true;
                });

                Map<String, List<String>> outcomes = new TreeMap<>();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    outcomes.clear();
                    for (ConsumerRecord<String, String> r : kafka.readAll(OUTCOMES_TOPIC, Duration.ofSeconds(2))) {
                        JsonNode o = JSON.readTree(r.value());
                        outcomes.computeIfAbsent(o.path("eventId").asText(), k -> new ArrayList<>()).add(o.path("outcome").asText());
                    }
                    return events.keySet().stream().allMatch(id -> outcomes.getOrDefault(id, List.of()).containsAll(List.of("ACCEPTED", "DELIVERED")));
                });
                Map<String, Integer> counts = new HashMap<>();
                int records = 0;
                for (String id : events.keySet()) {
                    List<String> mine = outcomes.get(id);
                    assertThat(mine.indexOf("ACCEPTED")).as("%s accepted before delivered: %s", id, mine).isLessThan(mine.indexOf("DELIVERED"));
                    for (String o : mine) {
                        counts.merge(o, 1, Integer::sum);
                        records++;
                    }
                }
                System.out.printf("Outcome crash test: %d events, crash points %s; outcomes on the topic after the last restart: %d records %s "
                        + "(owed: %d ACCEPTED, %d DELIVERED; every one present)%n", events.size(), POINTS, records, counts,
                        events.size(), events.size());
                assertThat(counts.get("ACCEPTED")).isGreaterThanOrEqualTo(events.size());
                assertThat(counts.get("DELIVERED")).isGreaterThanOrEqualTo(events.size());
            } finally {
                last.destroy();
                if (!last.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    last.destroyForcibly();
                }
            }
        }
    }

    /** Posts each event not yet answered 202, in order, until the gateway stops answering (it halted). */
    private static void postUnanswered(int port, Map<String, String> events, Set<String> answered) throws Exception {
        for (Map.Entry<String, String> event : events.entrySet()) {
            if (answered.contains(event.getKey())) {
                continue;
            }
            try {
                HttpResponse<String> r = DossierRestartIT.post(port, event.getValue());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                answered.add(event.getKey());
            } catch (IOException halted) {
                return;
            }
        }
    }

    /**
     * A gateway life in a JVM of its own (as {@link GatewayProcess} starts it), returned once it answers — or once it halted
     * at its crash point, which recovery work at start may reach before it answers.
     */
    private static Process launch(Path dataDir, int port, int portalPort, String point, Path log) throws Exception {
        StandaloneGateway settings = StandaloneGateway.on(dataDir, port, portalPort).withKafka(EVENTS_TOPIC, "outcome-crash")
                .with("gateway.kafka.outcomes-topic", OUTCOMES_TOPIC)
                .with("gateway.dossier.consumers", 2);
        if (point != null) {
            settings.with("gateway.test.crash-point", point);
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), GatewayApplication.class.getName()));
        command.addAll(settings.arguments());
        Process process = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    assertThat(halted(log)).as("the gateway died without reaching its crash point; see %s", log).isTrue();
                    return true;
                }
                return live(port);
            });
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    private static boolean halted(Path log) throws IOException {
        return Files.readString(log).contains("Crash point '");
    }

    private static boolean live(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/liveness")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** No event the gateway holds is waiting for its delivery (RECEIVED or QUEUED: PENDING in the sync view). */
    private static boolean nothingPending(int port) throws Exception {
        for (int d = 0; d < DOSSIERS; d++) {
            for (JsonNode e : sync(port, DossierEvents.dossierCode(900 + d)).path("events")) {
                if ("PENDING".equals(e.path("state").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode sync(int port, String code) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/dossiers/" + code + "/sync"))
                .header("X-API-Key", GatewayTestSupport.API_KEY).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
