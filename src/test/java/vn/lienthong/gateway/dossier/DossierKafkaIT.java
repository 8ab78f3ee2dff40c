package vn.lienthong.gateway.dossier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lienthong.gateway.dossier.KafkaTestBroker.EVENTS_TOPIC;
import static vn.lienthong.gateway.dossier.KafkaTestBroker.OUTCOMES_TOPIC;
import static vn.lienthong.gateway.dossier.KafkaTestBroker.record;

/**
 * Dossier events in from a Kafka topic and outcomes out to one, on a real KRaft broker in the test JVM
 * (KafkaTestBroker) and the real gateway: the Kafka intake follows the HTTP contract (durable before its
 * offset is committed, delivered once and in order), and every accepted event and delivery outcome is
 * published keyed by dossier code.
 */
class DossierKafkaIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DossierEventStore store;

    @Autowired
    JmsTemplate jms;

    @Test
    void eventsFromTheTopicAreDeliveredOnceInOrderAndEachOutcomeIsPublishedKeyedByItsDossier() throws Exception {
        int dossiers = 6;
        int steps = 4;
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            for (int d = 0; d < dossiers; d++) {
                String code = DossierEvents.dossierCode(600 + d);
                String id = "kafka-" + d + "-" + step;
                records.add(record(EVENTS_TOPIC, code, step == 0 ? DossierEvents.dossier(id, code)
                        : DossierEvents.progress(id, code, "DANG_XU_LY", "step " + step)));
            }
        }
        // iGate sends one event twice (a retry after a lost acknowledgement): it is delivered once
        String repeatCode = DossierEvents.dossierCode(600);
        records.add(record(EVENTS_TOPIC, repeatCode, DossierEvents.progress("kafka-0-2", repeatCode, "DANG_XU_LY", "step 2")));
        KafkaTestBroker.shared().send(records);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int d = 0; d < dossiers; d++) {
                for (int step = 0; step < steps; step++) {
                    if (!store.find("kafka-" + d + "-" + step).map(e -> e.state() == EventState.DELIVERED).orElse(false)) {
                        return false;
                    }
                }
            }
            return true;
        });
        for (int d = 0; d < dossiers; d++) {
            String code = DossierEvents.dossierCode(600 + d);
            List<JsonNode> receipts = DossierSyncIT.receipts(code);
            assertThat(receipts).as("dossier %s reached the portal once per event", code).hasSize(steps);
            assertThat(receipts.get(0).path("service").asText()).isEqualTo("DongBoHoSoMC");
            for (int step = 1; step < steps; step++) {
                assertThat(receipts.get(step).path("content").asText()).as("in order").isEqualTo("step " + step);
            }
            assertThat(store.find("kafka-" + d + "-0")).get().extracting(StoredEvent::source).isEqualTo("KAFKA");
        }

        // events out: for each event ACCEPTED then DELIVERED, all of a dossier in one partition, in order
        Map<String, List<JsonNode>> outcomes = new HashMap<>();
        Map<String, Set<Integer>> partitions = new HashMap<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            outcomes.clear();
            partitions.clear();
            for (ConsumerRecord<String, String> r : KafkaTestBroker.shared().readAll(OUTCOMES_TOPIC, Duration.ofSeconds(1))) {
                JsonNode outcome = JSON.readTree(r.value());
                if (outcome.path("eventId").asText().startsWith("kafka-")) {
                    assertThat(r.key()).isEqualTo(outcome.path("dossierCode").asText());
                    outcomes.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(outcome);
                    partitions.computeIfAbsent(r.key(), k -> new HashSet<>()).add(r.partition());
                }
            }
            return outcomes.values().stream().mapToInt(List::size).sum() >= dossiers * steps * 2;
        });
        assertThat(outcomes).hasSize(dossiers);
        for (int d = 0; d < dossiers; d++) {
            String code = DossierEvents.dossierCode(600 + d);
            assertThat(partitions.get(code)).as("one partition per dossier").hasSize(1);
            List<String> delivered = new ArrayList<>();
            Map<String, Integer> acceptedAt = new HashMap<>();
            List<JsonNode> mine = outcomes.get(code);
            for (int i = 0; i < mine.size(); i++) {
                String id = mine.get(i).path("eventId").asText();
                switch (mine.get(i).path("outcome").asText()) {
                    case "ACCEPTED" -> assertThat(acceptedAt.put(id, i)).as("accepted once: %s", id).isNull();
                    case "DELIVERED" -> {
                        assertThat(acceptedAt).as("accepted before delivered: %s", id).containsKey(id);
                        delivered.add(id);
                    }
                    default -> { }
                }
            }
            assertThat(delivered).containsExactly("kafka-" + d + "-0", "kafka-" + d + "-1", "kafka-" + d + "-2", "kafka-" + d + "-3");
        }
    }

    @Test
    void theHealthEndpointProbesTheKafkaBrokersForReal() throws Exception {
        JsonNode health = JSON.readTree(get("/actuator/health/kafka", "Authorization", basic("admin", ADMIN_PASSWORD)).body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("brokers").asText()).isEqualTo(KafkaTestBroker.shared().brokers());
        assertThat(health.path("details").path("nodes").asInt()).isEqualTo(1);
        assertThat(health.path("details").path("missingTopics")).isEmpty();
    }

    @Test
    void aBadRecordIsDeadLetteredWithItsReasonAndThePartitionGoesOn() throws Exception {
        String code = DossierEvents.dossierCode(620);
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<dossierEvent xmlns=\"urn:lienthong:gateway:dossier:1.0\"><eventId>kbad-620-2&x;</eventId></dossierEvent>";
        KafkaTestBroker.shared().send(List.of(
                record(EVENTS_TOPIC, code, DossierEvents.progress("kbad-620-1", "not-a-code", "DANG_XU_LY", "bad code")),
                record(EVENTS_TOPIC, code, hostile),
                record(EVENTS_TOPIC, code, "{\"eventId\": \"kbad-620-3\", \"dossierCode\": \"" + code + "\", \"localStatus\": \"NO_SUCH_STATUS\"}"),
                // keyed by something else than its dossier code: it could overtake the dossier's earlier events
                record(EVENTS_TOPIC, code, DossierEvents.progress("kbad-620-5", DossierEvents.dossierCode(621), "DANG_XU_LY", "wrong key")),
                // Camel and routing headers on a record are not obeyed: the event is stored under its own id and group
                record(EVENTS_TOPIC, code, DossierEvents.dossier("kbad-620-4", code),
                        "CamelHttpUri", "http://attacker.invalid/", "DossierEventId", "kbad-620-forged",
                        "JMSXGroupID", "other-group", "CamelJmsDestinationName", "DLQ.dossier.events")));

        await().atMost(Duration.ofSeconds(30)).until(() ->
                store.find("kbad-620-4").map(e -> e.state() == EventState.DELIVERED).orElse(false));
        assertThat(DossierSyncIT.receipts(code)).singleElement()
                .satisfies(r -> assertThat(r.path("service").asText()).isEqualTo("DongBoHoSoMC"));
        assertThat(store.find("kbad-620-1")).isEmpty();
        assertThat(store.find("kbad-620-2")).isEmpty();
        assertThat(store.find("kbad-620-3")).isEmpty();
        assertThat(store.find("kbad-620-forged")).isEmpty();
        assertThat(store.find("kbad-620-5")).isEmpty();

        jms.setReceiveTimeout(10_000);
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Message rejected = jms.receive("DLQ.dossier.events.in");
            assertThat(rejected).as("dead letter %d", i + 1).isNotNull();
            reasons.add(rejected.getStringProperty("DeadLetterReason"));
        }
        assertThat(reasons.get(0)).startsWith("DOSSIER_EVENT_INVALID").contains("'dossierCode'");
        assertThat(reasons.get(1)).startsWith("DOSSIER_EVENT_INVALID: The event is not acceptable XML");
        assertThat(reasons.get(2)).startsWith("DOSSIER_EVENT_INVALID");
        assertThat(reasons.get(3)).startsWith("DOSSIER_EVENT_INVALID: The record's key '" + code + "' is not its dossier code");
    }

    @Test
    void unreadableRecordsAreDeadLetteredWithTheirCoordinatesAndEveryPartitionGoesOn() throws Exception {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        List<String> kinds = List.of("tombstone", "not UTF-8", "not JSON", "too large");
        for (int p = 0; p < KafkaTestBroker.PARTITIONS; p++) {
            byte[] key = DossierEvents.dossierCode(630 + p).getBytes(StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(EVENTS_TOPIC, p, key, null));
            records.add(new ProducerRecord<>(EVENTS_TOPIC, p, key, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}));
            records.add(new ProducerRecord<>(EVENTS_TOPIC, p, key, "this is not an event".getBytes(StandardCharsets.UTF_8)));
            records.add(new ProducerRecord<>(EVENTS_TOPIC, p, key, ("{\"eventId\": \"" + "x".repeat(70_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8)));
            // after them, in the same partition: a good event, which must be delivered
            String code = DossierEvents.dossierCode(633 + p);
            records.add(new ProducerRecord<>(EVENTS_TOPIC, p, code.getBytes(StandardCharsets.UTF_8),
                    DossierEvents.dossier("kraw-" + p, code).getBytes(StandardCharsets.UTF_8)));
        }
        List<RecordMetadata> where = KafkaTestBroker.shared().sendRaw(records);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int p = 0; p < KafkaTestBroker.PARTITIONS; p++) {
                if (!store.find("kraw-" + p).map(e -> e.state() == EventState.DELIVERED).orElse(false)) {
                    return false;
                }
            }
            return true;
        });

        jms.setReceiveTimeout(10_000);
        for (int p = 0; p < KafkaTestBroker.PARTITIONS; p++) {
            String key = DossierEvents.dossierCode(630 + p);
            for (int k = 0; k < kinds.size(); k++) {
                Message rejected = jms.receiveSelected("DLQ.dossier.events.in", "KafkaKey = '" + key + "'");
                assertThat(rejected).as("dead letter of the %s record in partition %d", kinds.get(k), p).isNotNull();
                RecordMetadata sent = where.get(p * (kinds.size() + 1) + k);
                assertThat(rejected.getStringProperty("KafkaTopic")).isEqualTo(EVENTS_TOPIC);
                assertThat(rejected.getIntProperty("KafkaPartition")).isEqualTo(p);
                assertThat(rejected.getLongProperty("KafkaOffset")).as(kinds.get(k)).isEqualTo(sent.offset());
                String reason = rejected.getStringProperty("DeadLetterReason");
                switch (k) {
                    case 0 -> assertThat(reason).isEqualTo("DOSSIER_EVENT_INVALID: The record has no value (a tombstone); a dossier event"
                            + " is a record whose value is the event as JSON or XML.");
                    case 1 -> assertThat(reason).startsWith("DOSSIER_EVENT_INVALID: The record's value is not UTF-8 text");
                    case 2 -> assertThat(reason).isEqualTo("DOSSIER_EVENT_INVALID: The record's value is not valid JSON.");
                    default -> assertThat(reason).startsWith("PAYLOAD_TOO_LARGE: The record's value is 70015 bytes, over the limit of 65536");
                }
            }
        }
    }
}
