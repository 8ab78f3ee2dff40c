package vn.lienthong.gateway.dossier;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.lienthong.gateway.dossier.KafkaTestBroker.EVENTS_TOPIC;
import static vn.lienthong.gateway.dossier.KafkaTestBroker.record;

/**
 * Text that cannot travel is refused at the door (api.TextRule): a control character (Word's U+000B line break, NUL),
 * a non-character (U+FFFE) or a lone surrogate in any text field of a dossier event is 400 TEXT_NOT_ALLOWED naming the
 * field, nothing stored — instead of 202, then a delivery that fails on every retry and holds the dossier for ever.
 * From the queue and the Kafka topic, such an event is dead-lettered with that reason.
 */
class DossierTextIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** As JSON escapes: a lone surrogate cannot even be written as UTF-8 bytes. */
    private static final List<String> BAD = List.of("\\u000b", "\\u0000", "\\ufffe", "\\ud800", "\\u0085", "\\ufdd0");

    @Autowired
    DossierEventStore store;

    @Autowired
    JmsTemplate jms;

    @Test
    void aCharacterThatCannotTravelInAnyTextFieldIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
        String code = DossierEvents.dossierCode(730);
        ObjectNode dossierEvent = (ObjectNode) JSON.readTree(DossierEvents.dossier("txt-730", code));
        ObjectNode record = (ObjectNode) dossierEvent.path("dossier");
        record.put("returnedAt", "2026-11-25T10:00:00+07:00");
        ((ObjectNode) record.path("documents").get(0)).put("replacedByResultCode", "KQ.G11.000001");
        record.putArray("results").addObject().put("name", "Giấy khai sinh").put("resultCode", "KQ.G11.000001")
                .put("url", "https://example.invalid/kq.pdf").put("number", "12/GKS").put("issueDate", "2026-11-20")
                .put("issuingAgency", "000.00.00.H41").put("documentId", "7b0c7e4e-0000-4000-8000-000000000001");
        ObjectNode progressEvent = (ObjectNode) JSON.readTree(DossierEvents.progress("txt-730", code, "DANG_XU_LY", "step"));

        int n = 0;
        List<String> fields = new ArrayList<>();
        for (ObjectNode event : List.of(dossierEvent, progressEvent)) {
            List<String> paths = new ArrayList<>();
            textPaths("", event, paths);
            fields.addAll(paths);
            for (String path : paths) {
                for (String bad : BAD) {
                    String eventId = "txt-730-" + n++;
                    ObjectNode copy = event.deepCopy();
                    copy.put("eventId", eventId);
                    set(copy, path, "ab\u00a7c");
                    String json = JSON.writeValueAsString(copy).replace("\u00a7", bad);
                    HttpResponse<String> response = DossierSyncIT.post(json, "application/json");
                    assertThat(response.statusCode()).as(path + " with " + bad + ": " + response.body()).isEqualTo(400);
                    JsonNode body = JSON.readTree(response.body());
                    assertThat(body.path("code").asText()).as(path + " with " + bad).isEqualTo("TEXT_NOT_ALLOWED");
                    assertThat(body.path("message").asText()).contains("'" + path + "'");
                    assertThat(store.find(eventId)).isEmpty();
                }
            }
        }
        assertThat(fields).contains("eventId", "dossierCode", "agencyCode", "occurredAt", "localStatus", "dossier.procedureName",
                "dossier.ownerName", "dossier.summary", "dossier.handlingUnit", "dossier.documents[0].fileName",
                "dossier.results[0].name", "progress.handler", "progress.handlerTitle", "progress.department", "progress.content");
        assertThat(api("/api/v1/dossiers/" + code + "/sync").statusCode()).isEqualTo(404);
        // TAB, CR and LF travel, as does the rest of Unicode
        String fine = DossierEvents.progress("txt-730-ok", code, "DANG_XU_LY", "Bước 1:\\tthẩm định\\r\\nxong ✓ 𠀀");
        assertThat(DossierSyncIT.post(fine, "application/json").statusCode()).isEqualTo(202);
    }

    @Test
    void inXmlTheCharactersXmlLetThroughAreRefusedNamingTheField() throws Exception {
        String code = DossierEvents.dossierCode(731);
        String xml = """
                <dossierEvent xmlns="urn:lienthong:gateway:dossier:1.0"><eventId>txt-731-1</eventId><dossierCode>%s</dossierCode>
                <agencyCode>000.00.00.H41</agencyCode><occurredAt>2026-11-24T08:30:05+07:00</occurredAt><localStatus>DANG_XU_LY</localStatus>
                <progress><handler>Trần Thị Bích</handler><handlerTitle>Công chức</handlerTitle><department>Tư pháp</department>
                <content>a&#x85;b</content><startedAt>2026-11-24T08:30:05+07:00</startedAt><dueAt>2026-11-25T17:00:00+07:00</dueAt></progress>
                </dossierEvent>""".formatted(code);
        HttpResponse<String> response = DossierSyncIT.post(xml, "application/xml");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("TEXT_NOT_ALLOWED");
        assertThat(JSON.readTree(response.body()).path("message").asText()).contains("'progress.content'");
        // what XML itself cannot carry (U+000B) is refused by the parser, also coded
        HttpResponse<String> vt = DossierSyncIT.post(xml.replace("&#x85;", "&#xb;"), "application/xml");
        assertThat(vt.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(vt.body()).path("code").asText()).isEqualTo("DOSSIER_EVENT_INVALID");
        assertThat(store.find("txt-731-1")).isEmpty();
    }

    @Test
    void fromTheQueueAndTheTopicSuchAnEventIsDeadLetteredWithItsReason() throws Exception {
        String code = DossierEvents.dossierCode(732);
        jms.convertAndSend("dossier.events.in", DossierEvents.progress("txt-732-1", code, "DANG_XU_LY", "line\\u000bbreak"));
        KafkaTestBroker.shared().send(List.of(
                record(EVENTS_TOPIC, code, DossierEvents.progress("txt-732-2", code, "DANG_XU_LY", "nul\\u0000here")),
                // the partition goes on: the next record of the dossier is taken and delivered
                record(EVENTS_TOPIC, code, DossierEvents.progress("txt-732-3", code, "DANG_XU_LY", "clean"))));

        await().atMost(Duration.ofSeconds(30)).until(() -> store.find("txt-732-3").map(e -> e.state() == EventState.DELIVERED).orElse(false));
        String queued = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> deadLetterReason("txt-732-1"), r -> r != null);
        String topic = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> deadLetterReason("txt-732-2"), r -> r != null);
        assertThat(queued).startsWith("TEXT_NOT_ALLOWED").contains("'progress.content'").contains("U+000B");
        assertThat(topic).startsWith("TEXT_NOT_ALLOWED").contains("'progress.content'").contains("U+0000");
        assertThat(store.find("txt-732-1")).isEmpty();
        assertThat(store.find("txt-732-2")).isEmpty();
    }

    /**
     * The reason of the dead letter in DLQ.dossier.events.in whose body names the event, or null. The dead letter is taken
     * off the queue, so that the other tests reading that queue in order (DossierKafkaIT, DossierSyncIT) meet only theirs.
     */
    private String deadLetterReason(String eventId) {
        String[] found = browseDeadLetter(eventId);
        if (found == null) {
            return null;
        }
        jms.setReceiveTimeout(5_000);
        assertThat(jms.receiveSelected("DLQ.dossier.events.in", "JMSMessageID = '" + found[0] + "'")).isNotNull();
        return found[1];
    }

    private String[] browseDeadLetter(String eventId) {
        return jms.browse("DLQ.dossier.events.in", (session, browser) -> {
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message m = (Message) messages.nextElement();
                String body = m instanceof TextMessage t ? t.getText()
                        : m instanceof BytesMessage b ? readBytes(b) : "";
                if (body != null && body.contains("\"" + eventId + "\"")) {
                    return new String[]{m.getJMSMessageID(), m.getStringProperty("DeadLetterReason")};
                }
            }
            return null;
        });
    }

    private static String readBytes(BytesMessage message) throws jakarta.jms.JMSException {
        byte[] bytes = new byte[(int) message.getBodyLength()];
        message.readBytes(bytes);
        message.reset();
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The paths of every string value, as TextRule names them: a.b, a.list[0].c. */
    private static void textPaths(String path, JsonNode node, List<String> out) {
        if (node.isTextual()) {
            out.add(path);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                textPaths(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                textPaths(path + "[" + i + "]", node.get(i), out);
            }
        }
    }

    private static void set(ObjectNode root, String path, String value) {
        JsonNode node = root;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            node = step(node, steps[i]);
        }
        String last = steps[steps.length - 1];
        ((ObjectNode) node).put(last, value);
    }

    private static JsonNode step(JsonNode node, String step) {
        int bracket = step.indexOf('[');
        if (bracket < 0) {
            return node.get(step);
        }
        return node.get(step.substring(0, bracket)).get(Integer.parseInt(step.substring(bracket + 1, step.length() - 1)));
    }
}
