package vn.lienthong.gateway.dossier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The portal as public clients of the real one use it (FORMATS.md, "National Public Service Portal"): every call the
 * gateway makes is counted by the simulator, so retries and {@code attempts} are checked against calls really made;
 * the portal's answers are scripted per dossier (a refusal, an HTTP 503, {@code error_code "00"}, "already exists").
 * The tests run with {@code gateway.dossier.refused-redeliveries=2} (GatewayTestSupport).
 */
class PortalSyncIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REFUSED_REDELIVERIES = 2;

    @Autowired
    DossierEventStore store;

    @Test
    void aRefusalIsReallySentAgainTheConfiguredNumberOfTimesThenFailedWithEveryCallCounted() throws Exception {
        String code = DossierEvents.dossierCode(801);
        script(code, "[" + String.join(",", java.util.Collections.nCopies(REFUSED_REDELIVERIES + 3,
                "{\"error_code\": 2, \"message\": \"Dữ liệu không hợp lệ: NoiDungXuLy\"}")) + "]");
        assertThat(DossierSyncIT.post(DossierEvents.progress("ps-801-1", code, "DANG_XU_LY", "refused"), "application/json").statusCode())
                .isEqualTo(202);
        awaitState("ps-801-1", EventState.FAILED);
        StoredEvent failed = store.find("ps-801-1").orElseThrow();
        // one call per attempt: the first and each retry reached the portal, and attempts says exactly that
        assertThat(calls(code)).hasSize(REFUSED_REDELIVERIES + 1)
                .allSatisfy(c -> assertThat(c.path("answer").asText()).isEqualTo("2"));
        assertThat(failed.attempts()).isEqualTo(REFUSED_REDELIVERIES + 1);
        assertThat(failed.lastError()).contains("error_code 2").contains("NoiDungXuLy");
        Thread.sleep(500); // nothing more is sent once it FAILED
        assertThat(calls(code)).hasSize(REFUSED_REDELIVERIES + 1);
    }

    @Test
    void aPortalAnswering503OnceIsCalledAgainAndTheDeliverySaysTwoAttempts() throws Exception {
        String code = DossierEvents.dossierCode(802);
        script(code, "[{\"http\": 503}]");
        assertThat(DossierSyncIT.post(DossierEvents.progress("ps-802-1", code, "DANG_XU_LY", "after 503"), "application/json").statusCode())
                .isEqualTo(202);
        awaitState("ps-802-1", EventState.DELIVERED);
        assertThat(calls(code)).extracting(c -> c.path("answer").asText()).containsExactly("HTTP 503", "0");
        assertThat(store.find("ps-802-1").orElseThrow().attempts()).isEqualTo(2);
        assertThat(DossierSyncIT.receipts(code)).singleElement().satisfies(r -> assertThat(r.path("content").asText()).isEqualTo("after 503"));
    }

    @Test
    void errorCodeDoubleZeroIsSuccess() throws Exception {
        String code = DossierEvents.dossierCode(803);
        script(code, "[{\"error_code\": \"00\", \"message\": \"Thành công\"}]");
        assertThat(DossierSyncIT.post(DossierEvents.progress("ps-803-1", code, "DANG_XU_LY", "double zero"), "application/json").statusCode())
                .isEqualTo(202);
        awaitState("ps-803-1", EventState.DELIVERED);
        assertThat(calls(code)).extracting(c -> c.path("answer").asText()).containsExactly("00");
        assertThat(store.find("ps-803-1").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void alreadyExistsIsAnsweredBySendingItAgainAsAnUpdate() throws Exception {
        String code = DossierEvents.dossierCode(804);
        assertThat(DossierSyncIT.post(DossierEvents.dossier("ps-804-1", code), "application/json").statusCode()).isEqualTo(202);
        awaitState("ps-804-1", EventState.DELIVERED);
        // iGate says "new" again (a re-registration after a local error): the portal has it already
        assertThat(DossierSyncIT.post(DossierEvents.dossier("ps-804-2", code, "DANG_XU_LY", "2026-11-23T09:15:00+07:00",
                "2026-11-26T17:00:00+07:00"), "application/json").statusCode()).isEqualTo(202);
        awaitState("ps-804-2", EventState.DELIVERED);
        List<JsonNode> calls = calls(code);
        assertThat(calls).extracting(c -> c.path("isUpdating").asText() + ":" + c.path("answer").asText())
                .containsExactly("false:0", "false:-3", "true:0");
        assertThat(store.find("ps-804-2").orElseThrow().attempts()).isEqualTo(1);
        assertThat(DossierSyncIT.receipts(code)).extracting(r -> r.path("status").asText()).containsExactly("2", "4");
    }

    @Test
    void aDossierWithoutADueDateIsDeliveredWithAnEmptyNgayHenTra() throws Exception {
        String code = DossierEvents.dossierCode(805);
        String event = DossierEvents.dossier("ps-805-1", code).replace(", \"dueAt\": \"2026-11-26T17:00:00+07:00\"", "");
        assertThat(event).doesNotContain("dueAt");
        HttpResponse<String> accepted = DossierSyncIT.post(event, "application/json");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitState("ps-805-1", EventState.DELIVERED);
        JsonNode taken = portalDossier(code);
        assertThat(taken.has("NgayHenTra")).isTrue();
        assertThat(taken.path("NgayHenTra").asText()).isEmpty();
    }

    @Test
    void everyFieldRealClientsSendReachesThePortal() throws Exception {
        String code = DossierEvents.dossierCode(806);
        String longSummary = "Đăng ký khai sinh ".repeat(100); // 1,800 characters: the portal takes 1,000
        String event = DossierEvents.dossier("ps-806-1", code)
                .replace("\"summary\": \"Đăng ký khai sinh cho con\"", "\"summary\": \"" + longSummary + "\"")
                .replace("\"handlingUnit\": \"UBND phường Ba Đình\",", """
                        "handlingUnit": "UBND phường Ba Đình", "submittedAt": "2026-11-22T20:00:00+07:00",
                        "submissionPlace": "2", "resultDelivery": "1", "ownerVerifiedWithVneid": true, "onlinePayment": "1",
                        "processingEndedAt": "2026-11-25T16:00:00+07:00", "email": "an.nguyen@example.vn", "phone": "0912345678",
                        "connectedDatabases": ["1", "7"],
                        "fees": [{"name": "Lệ phí đăng ký khai sinh", "code": "LP01", "collectionMethod": "1", "amount": "8000", "kind": "1"}],""")
                .replace("\"fromNationalCatalogue\": false}", "\"fromNationalCatalogue\": false, \"url\": \"https://igate.example.vn/files/to-khai.pdf\"}");
        HttpResponse<String> accepted = DossierSyncIT.post(event, "application/json");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitState("ps-806-1", EventState.DELIVERED);
        JsonNode d = portalDossier(code);
        assertThat(d.path("NgayNopHoSo").asText()).isEqualTo("20261122200000");
        assertThat(d.path("NoiNopHoSo").asText()).isEqualTo("2");
        assertThat(d.path("HinhThuc").asText()).isEqualTo("1");
        assertThat(d.path("TaiKhoanDuocXacThucVoiVNeID").asText()).isEqualTo("1");
        assertThat(d.path("DuocThanhToanTrucTuyen").asText()).isEqualTo("1");
        assertThat(d.path("NgayKetThucXuLy").asText()).isEqualTo("20261125160000");
        assertThat(d.path("Email").asText()).isEqualTo("an.nguyen@example.vn");
        assertThat(d.path("SoDienThoai").asText()).isEqualTo("0912345678");
        assertThat(d.path("DSKetNoiCSDL").toString()).isEqualTo("[{\"MaCSDL\":\"1\"},{\"MaCSDL\":\"7\"}]");
        assertThat(d.path("DanhSachLePhi").get(0).path("Gia").asText()).isEqualTo("8000");
        assertThat(d.path("TaiLieuNop").get(0).path("DuongDanTaiTepTin").asText()).isEqualTo("https://igate.example.vn/files/to-khai.pdf");
        // flags as the strings "1"/"0", the summary cut at the portal's limit (the gateway keeps the whole event)
        assertThat(d.path("HoSoCoThanhPhanSoHoa").isTextual()).isTrue();
        assertThat(d.path("TaiLieuNop").get(0).path("DuocSoHoa").asText()).isEqualTo("1");
        assertThat(d.path("TaiLieuNop").get(0).path("DuocTaiSuDung").isTextual()).isTrue();
        assertThat(d.path("TrichYeuHoSo").asText()).hasSize(1000).endsWith("...");
        assertThat(store.find("ps-806-1").orElseThrow().payload()).contains(longSummary.strip());
    }

    // --- helpers ---

    private static void script(String dossierCode, String answers) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sandbox/faults/portal/script?maHoSo=" + dossierCode)))
                        .header("Authorization", basic("admin", ADMIN_PASSWORD)).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(answers, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** Every call the portal received about the dossier (accepted, refused, HTTP errors), in order. */
    static List<JsonNode> calls(String dossierCode) throws Exception {
        JsonNode list = JSON.readTree(get("/sandbox/portal/stats?view=calls&maHoSo=" + dossierCode, "Authorization",
                basic("admin", ADMIN_PASSWORD)).body());
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    private static JsonNode portalDossier(String dossierCode) throws Exception {
        return JSON.readTree(get("/sandbox/portal/stats?view=dossier&maHoSo=" + dossierCode, "Authorization",
                basic("admin", ADMIN_PASSWORD)).body());
    }

    private void awaitState(String eventId, EventState state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .alias(eventId + " " + state + ", now: " + store.find(eventId).map(e -> e.state() + " after " + e.attempts()
                        + " attempts (" + e.lastError() + ")").orElse("unknown"))
                .until(() -> store.find(eventId).map(e -> e.state() == state).orElse(false));
    }
}
