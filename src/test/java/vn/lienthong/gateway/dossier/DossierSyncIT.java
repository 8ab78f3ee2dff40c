package vn.lienthong.gateway.dossier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dossier synchronisation end to end on the real gateway: HTTP and JMS intake, the embedded Artemis
 * broker, the mapping, the portal connector and the portal simulator over loopback HTTP.
 */
class DossierSyncIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JmsTemplate jms;

    @Autowired
    DossierEventStore store;

    @Autowired
    org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ broker;

    @AfterEach
    void portalBackToNormal() throws Exception {
        put("/sandbox/faults/portal?mode=NONE");
    }

    @Test
    void aJsonEventIsAcceptedDurablyAndDeliveredOnce() throws Exception {
        String code = DossierEvents.dossierCode(101);
        HttpResponse<String> accepted = post(DossierEvents.dossier("it-101-1", code), "application/json");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("duplicate").asBoolean()).isFalse();
        // accepted means on the persistent queue, recorded: never RECEIVED after a 202
        assertThat(store.find("it-101-1")).get().extracting(StoredEvent::state).isNotEqualTo(EventState.RECEIVED);

        awaitState("it-101-1", "DELIVERED");
        List<JsonNode> receipts = receipts(code);
        assertThat(receipts).hasSize(1);
        assertThat(receipts.get(0).path("service").asText()).isEqualTo("DongBoHoSoMC");
        assertThat(receipts.get(0).path("status").asText()).isEqualTo("2");

        JsonNode sync = JSON.readTree(api("/api/v1/dossiers/" + code + "/sync").body());
        assertThat(sync.path("events").get(0).path("state").asText()).isEqualTo("DELIVERED");
        assertThat(sync.path("events").get(0).path("attempts").asInt()).isEqualTo(1);
    }

    @Test
    void anXmlEventBoundByJaxbIsDelivered() throws Exception {
        String code = DossierEvents.dossierCode(102);
        String xml = new DossierEventReader().toXml(new DossierEventReader().readJson(
                DossierEvents.progress("it-102-1", code, "DANG_XU_LY", "Thẩm định").getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> accepted = post(xml, "application/xml");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitState("it-102-1", "DELIVERED");
        assertThat(receipts(code)).singleElement().satisfies(r -> {
            assertThat(r.path("service").asText()).isEqualTo("CapNhatTienDoHoSoMC");
            assertThat(r.path("status").asText()).isEqualTo("4");
            assertThat(r.path("content").asText()).isEqualTo("Thẩm định");
        });
    }

    @Test
    void anInvalidEventIsRefusedNamingTheFieldAndNothingIsQueuedOrSent() throws Exception {
        String code = DossierEvents.dossierCode(103);
        HttpResponse<String> badCode = post(DossierEvents.progress("it-103-1", "H41-1", "DANG_XU_LY", "x"), "application/json");
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badCode.body()).path("code").asText()).isEqualTo("DOSSIER_EVENT_INVALID");
        assertThat(JSON.readTree(badCode.body()).path("message").asText()).contains("'dossierCode'");

        HttpResponse<String> badStatus = post(DossierEvents.progress("it-103-2", code, "KHONG_CO", "x"), "application/json");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badStatus.body()).path("code").asText()).isEqualTo("DOSSIER_STATUS_UNKNOWN");
        assertThat(JSON.readTree(badStatus.body()).path("message").asText()).contains("'localStatus'");

        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<dossierEvent xmlns=\"urn:lienthong:gateway:dossier:1.0\"><eventId>&x;</eventId></dossierEvent>";
        assertThat(post(hostile, "application/xml").statusCode()).isEqualTo(400);

        assertThat(store.find("it-103-1")).isEmpty();
        assertThat(store.find("it-103-2")).isEmpty();
        assertThat(api("/api/v1/dossiers/" + code + "/sync").statusCode()).isEqualTo(404);
        Thread.sleep(500); // give a wrongly queued event the time to reach the portal: none may
        assertThat(receipts(code)).isEmpty();
    }

    @Test
    void aRepeatedEventIdIsDeliveredOnce() throws Exception {
        String code = DossierEvents.dossierCode(104);
        String event = DossierEvents.progress("it-104-1", code, "DANG_XU_LY", "once");
        assertThat(post(event, "application/json").statusCode()).isEqualTo(202);
        HttpResponse<String> again = post(event, "application/json");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).path("duplicate").asBoolean()).isTrue();
        awaitState("it-104-1", "DELIVERED");
        assertThat(post(event, "application/json").statusCode()).isEqualTo(202);
        // the same id with another content is a conflict, not a second event
        assertThat(post(event.replace("once", "twice"), "application/json").statusCode()).isEqualTo(409);
        Thread.sleep(500);
        assertThat(receipts(code)).hasSize(1);
    }

    @Test
    void thePortalDownUnderLoadLosesNothingAndDeliversEachDossierInOrder() throws Exception {
        put("/sandbox/faults/portal?mode=DOWN");
        int dossiers = 8;
        int steps = 6;
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        List<Thread> clients = new ArrayList<>();
        for (int d = 0; d < dossiers; d++) {
            int n = 200 + d;
            Thread client = new Thread(() -> {
                for (int s = 1; s <= steps; s++) {
                    String id = "it-" + n + "-" + s;
                    try {
                        HttpResponse<String> r = post(DossierEvents.progress(id, DossierEvents.dossierCode(n), "DANG_XU_LY", "step-" + s),
                                "application/json");
                        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                        ids.add(id);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        assertThat(ids).hasSize(dossiers * steps);
        // the portal is down: nothing delivered, the first event of each dossier being retried
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find("it-200-1").map(StoredEvent::attempts).orElse(0) >= 2);
        for (int d = 0; d < dossiers; d++) {
            assertThat(receipts(DossierEvents.dossierCode(200 + d))).isEmpty();
        }
        put("/sandbox/faults/portal?mode=NONE");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .alias(String.valueOf(store.forDossier(DossierEvents.dossierCode(200)).stream()
                        .map(e -> e.eventId() + ":" + e.state() + ":" + e.attempts() + ":" + e.lastError()).toList()))
                .until(() -> ids.stream().allMatch(id -> store.find(id).map(e -> e.state() == EventState.DELIVERED).orElse(false)));
        for (int d = 0; d < dossiers; d++) {
            List<String> contents = receipts(DossierEvents.dossierCode(200 + d)).stream().map(r -> r.path("content").asText()).toList();
            assertThat(contents).containsExactly("step-1", "step-2", "step-3", "step-4", "step-5", "step-6");
        }
    }

    @Test
    void anExpiredSessionIsRenewedWithoutTheCallerNoticing() throws Exception {
        String code = DossierEvents.dossierCode(105);
        assertThat(post(DossierEvents.progress("it-105-1", code, "DANG_XU_LY", "a"), "application/json").statusCode()).isEqualTo(202);
        awaitState("it-105-1", "DELIVERED");
        long logins = portalStats().path("logins").asLong();
        assertThat(put("/sandbox/faults/portal/expire-sessions").statusCode()).isEqualTo(200);
        assertThat(post(DossierEvents.progress("it-105-2", code, "DANG_XU_LY", "b"), "application/json").statusCode()).isEqualTo(202);
        awaitState("it-105-2", "DELIVERED");
        assertThat(store.find("it-105-2").orElseThrow().attempts()).isEqualTo(1);
        assertThat(portalStats().path("logins").asLong()).isGreaterThan(logins);
        assertThat(receipts(code)).extracting(r -> r.path("content").asText()).containsExactly("a", "b");
    }

    @Test
    void aPoisonEventIsDeadLetteredWithItsReasonItsDossierWaitsAndOthersFlow() throws Exception {
        String poisoned = DossierEvents.dossierCode(106);
        String healthy = DossierEvents.dossierCode(107);
        // the portal refuses a due date before the reception date (error_code 2)
        assertThat(post(DossierEvents.dossier("it-106-1", poisoned, "DA_TIEP_NHAN",
                "2026-11-23T09:15:00+07:00", "2026-11-20T17:00:00+07:00"), "application/json").statusCode()).isEqualTo(202);
        assertThat(post(DossierEvents.progress("it-106-2", poisoned, "DANG_XU_LY", "after poison"), "application/json").statusCode()).isEqualTo(202);
        assertThat(post(DossierEvents.dossier("it-107-1", healthy), "application/json").statusCode()).isEqualTo(202);

        awaitState("it-107-1", "DELIVERED");
        awaitState("it-106-1", "FAILED");
        awaitState("it-106-2", "HELD");
        JsonNode sync = JSON.readTree(api("/api/v1/dossiers/" + poisoned + "/sync").body());
        assertThat(sync.path("events").get(0).path("reason").asText()).contains("error_code 2").contains("NgayHenTra");
        assertThat(sync.path("events").get(0).path("attempts").asInt()).isEqualTo(3); // 1 + 2 redeliveries in tests
        assertThat(sync.path("events").get(1).path("reason").asText()).contains("it-106-1");
        assertThat(receipts(poisoned)).isEmpty();

        // the row says FAILED as soon as the route marks it; the dead letter is there once its JMS transaction commits
        Message dead = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> deadLetter("it-106-1"), java.util.Objects::nonNull);
        assertThat(dead.getStringProperty("DeadLetterReason")).contains("NgayHenTra");

        // a replay puts it back on the queue; refused again, it is dead-lettered again, never delivered out of order
        HttpResponse<String> replay = postTo("/api/v1/dossier-events/it-106-1/replay", "", "application/json");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find("it-106-1").orElseThrow().attempts() >= 6);
        awaitState("it-106-1", "FAILED");
        assertThat(receipts(poisoned)).isEmpty();
        assertThat(postTo("/api/v1/dossier-events/it-107-1/replay", "", "application/json").statusCode()).isEqualTo(409);

        // what Hawtio's "retry" does on the dead-letter queue (Artemis management): back to dossier.events, tried again
        var dlq = (org.apache.activemq.artemis.api.core.management.QueueControl) broker.getActiveMQServer().getManagementService()
                .getResource(org.apache.activemq.artemis.api.core.management.ResourceNames.QUEUE + "DLQ.dossier.events");
        int attempts = store.find("it-106-1").orElseThrow().attempts();
        assertThat(dlq.retryMessages()).isPositive();
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find("it-106-1").orElseThrow().attempts() >= attempts + 3);
        awaitState("it-106-1", "FAILED");
        assertThat(receipts(poisoned)).isEmpty();
        assertThat(postTo("/api/v1/dossier-events/nope/replay", "", "application/json").statusCode()).isEqualTo(404);
    }

    @Test
    void eventsFromTheIntakeQueueFollowTheSameContract() throws Exception {
        String code = DossierEvents.dossierCode(108);
        jms.convertAndSend("dossier.events.in", DossierEvents.progress("it-108-1", code, "DANG_XU_LY", "via jms"));
        jms.convertAndSend("dossier.events.in", DossierEvents.progress("it-108-2", "bad", "DANG_XU_LY", "via jms"));
        awaitState("it-108-1", "DELIVERED");
        assertThat(receipts(code)).singleElement().satisfies(r -> assertThat(r.path("content").asText()).isEqualTo("via jms"));
        jms.setReceiveTimeout(10_000);
        Message rejected = jms.receive("DLQ.dossier.events.in");
        assertThat(rejected).isNotNull();
        assertThat(rejected.getStringProperty("DeadLetterReason")).contains("DOSSIER_EVENT_INVALID").contains("'dossierCode'");
        assertThat(store.find("it-108-2")).isEmpty();

        // hostile XML on the queue: dead-lettered with a reason, nothing stored
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<dossierEvent xmlns=\"urn:lienthong:gateway:dossier:1.0\"><eventId>it-108-3&x;</eventId></dossierEvent>";
        jms.convertAndSend("dossier.events.in", hostile);
        Message hostileRejected = jms.receive("DLQ.dossier.events.in");
        assertThat(hostileRejected).isNotNull();
        assertThat(hostileRejected.getStringProperty("DeadLetterReason")).startsWith("DOSSIER_EVENT_INVALID: The event is not acceptable XML");
        assertThat(store.find("it-108-3")).isEmpty();
    }

    @Test
    void aResultPdfIsDepositedAtIntakeAndPushedToTheNationalStoreOnceBeforeThePortalHearsOfIt() throws Exception {
        String code = DossierEvents.dossierCode(109);
        String owner = "001203012345";
        String number = "KQ-109/" + System.nanoTime();
        byte[] pdf = vn.lienthong.gateway.edata.EdataFixtures.pdf("result of " + code + " " + number);
        String event = DossierEvents.dossier("it-109-1", code, "DA_TRA_KET_QUA", "2026-11-23T09:15:00+07:00", "2026-11-26T17:00:00+07:00")
                .replace("\"isNew\": true,", "")
                .replace("\"handlingUnit\": \"UBND phường Ba Đình\",", """
                        "handlingUnit": "UBND phường Ba Đình", "returnedAt": "2026-11-25T10:00:00+07:00",
                        "results": [{"name": "Giấy chứng nhận đăng ký hộ kinh doanh", "resultCode": "KQ.G22.000003",
                          "number": "%s", "issueDate": "2026-11-20", "issuingAgency": "000.00.00.H41",
                          "content": "%s"}],""".formatted(number, java.util.Base64.getEncoder().encodeToString(pdf)));
        put("/sandbox/faults/national-edata?mode=DOWN");
        try {
            HttpResponse<String> accepted = post(event, "application/json");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            // deposited before the 202: the e-data store holds it, hashed and signed
            StoredEvent stored = store.find("it-109-1").orElseThrow();
            assertThat(stored.payload()).contains("<documentId>").doesNotContain("<content>");
            // the national store is down: the portal hears nothing before the result is pushed
            await().atMost(Duration.ofSeconds(20)).until(() -> store.find("it-109-1").orElseThrow().attempts() >= 2);
            assertThat(receipts(code)).isEmpty();
        } finally {
            put("/sandbox/faults/national-edata?mode=NONE");
        }
        awaitState("it-109-1", "DELIVERED");
        JsonNode held = JSON.readTree(get("/sandbox/national-edata/stats?owner=" + owner, "Authorization", basic("admin", ADMIN_PASSWORD)).body());
        List<JsonNode> mine = new ArrayList<>();
        held.forEach(h -> {
            if (h.path("number").asText().equals(number)) {
                mine.add(h);
            }
        });
        assertThat(mine).singleElement().satisfies(h -> {
            assertThat(h.path("sha256").asText()).isEqualTo(vn.lienthong.gateway.crypto.Hashes.sha256Hex(pdf));
            assertThat(h.path("dossierCode").asText()).isEqualTo(code);
        });
        assertThat(receipts(code)).singleElement().satisfies(r -> assertThat(r.path("status").asText()).isEqualTo("10"));
    }

    // --- helpers ---

    private Message deadLetter(String eventId) {
        return jms.browse("DLQ.dossier.events", (session, browser) -> {
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message m = (Message) messages.nextElement();
                if (eventId.equals(m.getStringProperty("DossierEventId"))) {
                    return m;
                }
            }
            return null;
        });
    }

    private void awaitState(String eventId, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> store.find(eventId).map(e -> e.state().name().equals(state)).orElse(false));
    }

    static HttpResponse<String> post(String body, String contentType) throws Exception {
        return postTo("/api/v1/dossier-events", body, contentType);
    }

    static HttpResponse<String> postTo(String path, String body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                        .header("X-API-Key", API_KEY).header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static List<JsonNode> receipts(String dossierCode) throws Exception {
        JsonNode list = JSON.readTree(get("/sandbox/portal/stats?maHoSo=" + dossierCode, "Authorization", basic("admin", ADMIN_PASSWORD)).body());
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    static JsonNode portalStats() throws Exception {
        return JSON.readTree(get("/sandbox/portal/stats", "Authorization", basic("admin", ADMIN_PASSWORD)).body());
    }

}
