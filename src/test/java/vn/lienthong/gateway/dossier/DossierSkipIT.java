package vn.lienthong.gateway.dossier;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FAILED-event rule: an event the portal refuses for good holds its dossier's later events (HELD, with the reason
 * naming it and a warning in the log) until an operator replays it or skips it with a reason. Skipped, it is recorded
 * SKIPPED with who and why, and the later events are delivered in their order.
 */
class DossierSkipIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    DossierEventStore store;

    @Test
    void aFailedEventSkippedByAnOperatorReleasesTheDossiersLaterEventsInOrder() throws Exception {
        String code = DossierEvents.dossierCode(740);
        // the portal refuses a due date before the reception date (error_code 2), on every attempt and every replay
        assertThat(DossierSyncIT.post(DossierEvents.dossier("skip-740-1", code, "DA_TIEP_NHAN",
                "2026-11-23T09:15:00+07:00", "2026-11-20T17:00:00+07:00"), "application/json").statusCode()).isEqualTo(202);
        assertThat(DossierSyncIT.post(DossierEvents.progress("skip-740-2", code, "DANG_XU_LY", "second"), "application/json").statusCode()).isEqualTo(202);
        assertThat(DossierSyncIT.post(DossierEvents.progress("skip-740-3", code, "DANG_XU_LY", "third"), "application/json").statusCode()).isEqualTo(202);

        awaitState("skip-740-1", EventState.FAILED);
        awaitState("skip-740-2", EventState.HELD);
        awaitState("skip-740-3", EventState.HELD);
        assertThat(store.find("skip-740-2").orElseThrow().lastError()).contains("skip-740-1").contains("FAILED").contains("/skip");
        assertThat(DossierSyncIT.receipts(code)).isEmpty();

        // only a FAILED event is skipped, and only with a reason
        assertThat(skip("skip-740-2", "{\"reason\": \"not this one\"}").statusCode()).isEqualTo(409);
        HttpResponse<String> noReason = skip("skip-740-1", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).path("code").asText()).isEqualTo("REQUEST_INVALID");
        assertThat(skip("skip-740-1", "{\"reason\": \"bad\\u000bline\"}").statusCode()).isEqualTo(400);
        assertThat(skip("no-such-event", "{\"reason\": \"x\"}").statusCode()).isEqualTo(404);
        awaitState("skip-740-1", EventState.FAILED);

        HttpResponse<String> skipped = skip("skip-740-1", "{\"reason\": \"Hạn trả sai, đã sửa ở iGate bằng sự kiện sau\"}");
        assertThat(skipped.statusCode()).as(skipped.body()).isEqualTo(200);
        assertThat(JSON.readTree(skipped.body()).path("state").asText()).isEqualTo("SKIPPED");

        awaitState("skip-740-2", EventState.DELIVERED);
        awaitState("skip-740-3", EventState.DELIVERED);
        List<JsonNode> receipts = DossierSyncIT.receipts(code);
        assertThat(receipts).extracting(r -> r.path("content").asText()).containsExactly("second", "third");

        JsonNode sync = JSON.readTree(api("/api/v1/dossiers/" + code + "/sync").body());
        JsonNode first = sync.path("events").get(0);
        assertThat(first.path("state").asText()).isEqualTo("SKIPPED");
        assertThat(first.path("reason").asText()).isEqualTo("Skipped by igate-demo: Hạn trả sai, đã sửa ở iGate bằng sự kiện sau");
        // a skipped event is not replayed, nor skipped twice
        assertThat(DossierSyncIT.postTo("/api/v1/dossier-events/skip-740-1/replay", "", "application/json").statusCode()).isEqualTo(409);
        assertThat(skip("skip-740-1", "{\"reason\": \"again\"}").statusCode()).isEqualTo(409);
    }

    private static HttpResponse<String> skip(String eventId, String body) throws Exception {
        return DossierSyncIT.postTo("/api/v1/dossier-events/" + eventId + "/skip", body, "application/json");
    }

    private void awaitState(String eventId, EventState state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> store.find(eventId).map(e -> e.state() == state).orElse(false));
    }
}
