package vn.lienthong.gateway.dossier;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Message;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dossiers submitted online on the national portal reach iGate exactly once, end to end on the real gateway:
 * the portal simulator lists them, the poll (started here, off in the shared context) fetches them through
 * the portal connector, the embedded Artemis queue carries them, the iGate connector hands them to the iGate
 * simulator over loopback HTTP, which counts each dossier it receives.
 */
class OnlineDossiersIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLL = "portal-online-dossier-poll";

    @Autowired
    CamelContext camel;
    @Autowired
    OnlineDossiers dossiers;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JmsTemplate jms;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ProducerTemplate producer;

    @BeforeEach
    void startThePoll() throws Exception {
        camel.getRouteController().startRoute(POLL);
    }

    @AfterEach
    void stopThePollAndClearFaults() throws Exception {
        camel.getRouteController().stopRoute(POLL);
        put("/sandbox/faults/portal?mode=NONE");
        put("/sandbox/faults/igate?mode=NONE");
    }

    @Test
    void everyOnlineDossierReachesIgateExactlyOnceInThePortalsShape() throws Exception {
        List<String> codes = submit(12, false);
        for (String code : codes) {
            awaitState(code, "FORWARDED");
        }
        Thread.sleep(1000); // a second forward, if any, would arrive now
        JsonNode received = igateStats().path("dossiers");
        for (String code : codes) {
            assertThat(received.path(code).asLong()).as(code).isEqualTo(1);
        }
        JsonNode status = JSON.readTree(api("/api/v1/online-dossiers/" + codes.get(0)).body());
        assertThat(status.path("state").asText()).isEqualTo("FORWARDED");
        assertThat(status.path("attempts").asInt()).isEqualTo(1);
        assertThat(status.path("forwardedAt").asText()).isNotBlank();

        // what was kept and forwarded is the portal's dossier (FORMATS.md), untouched
        JsonNode kept = JSON.readTree(dossiers.find(codes.get(0)).orElseThrow().payload());
        assertThat(kept.path("MaHoSo").asText()).isEqualTo(codes.get(0));
        assertThat(kept.path("KenhThucHien").asText()).isEqualTo("2");
        assertThat(kept.path("LoaiDoiTuong").asText()).isEqualTo("1");
        assertThat(kept.path("NgayTiepNhan").asText()).matches("\\d{14}");
        assertThat(kept.path("MaTTHC").asText()).endsWith(".000.00.00.H41");
        for (String field : List.of("TenTTHC", "MaLinhVuc", "TenLinhVuc", "ChuHoSo", "SoGiayToChuHoSo", "TrichYeuHoSo", "TrangThaiHoSo", "DonViXuLy")) {
            assertThat(kept.path(field).asText()).as(field).isNotBlank();
        }
        assertThat(kept.path("DinhDanhCHS").get(0).path("SoDinhDanh").asText()).matches("\\d{12}");
        assertThat(kept.path("TaiLieuNop").get(0).path("TenTepDinhKem").asText()).endsWith(".pdf");

        // a portal that lists them all again (TuSo ignored), fetched by two pollers at once: nothing is forwarded twice
        long requests = igateStats().path("requests").asLong();
        String everything = fetch(0);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> polls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                polls.add(pool.submit((Callable<Integer>) () -> dossiers.store(answer(everything))));
            }
            for (Future<Integer> poll : polls) {
                assertThat(poll.get()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        Thread.sleep(500);
        assertThat(igateStats().path("requests").asLong()).isEqualTo(requests);
    }

    @Test
    void twoPollersRacingOverNewDossiersQueueEachOnce() throws Exception {
        camel.getRouteController().stopRoute(POLL);
        List<String> codes = submit(6, false);
        String answer = fetch(maxSeq());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int queued = 0;
        try {
            List<Future<Integer>> polls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                polls.add(pool.submit((Callable<Integer>) () -> dossiers.store(answer(answer))));
            }
            for (Future<Integer> poll : polls) {
                queued += poll.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(queued).as("each new dossier claimed and queued by one poller").isEqualTo(codes.size());
        for (String code : codes) {
            awaitState(code, "FORWARDED");
        }
        Thread.sleep(500);
        JsonNode received = igateStats().path("dossiers");
        codes.forEach(code -> assertThat(received.path(code).asLong()).as(code).isEqualTo(1));
    }

    @Test
    void igateDownForAWhileLosesNothingAndEachDossierArrivesOnceAfterwards() throws Exception {
        put("/sandbox/faults/igate?mode=DOWN");
        List<String> codes = submit(5, false);
        // each consumer retries its dossier in place (the later ones wait on the queue), with growing pauses
        await().atMost(Duration.ofSeconds(30)).until(() -> codes.stream().anyMatch(c -> dossiers.find(c).map(r -> r.attempts() >= 2).orElse(false)));
        String retried = codes.stream().filter(c -> dossiers.find(c).orElseThrow().attempts() >= 2).findFirst().orElseThrow();
        JsonNode waiting = JSON.readTree(api("/api/v1/online-dossiers/" + retried).body());
        assertThat(waiting.path("state").asText()).isEqualTo("PENDING");
        assertThat(waiting.path("reason").asText()).contains("UpstreamUnavailableException");
        for (String code : codes) {
            assertThat(dossiers.state(code)).as(code).isIn("RECEIVED", "QUEUED");
            assertThat(igateStats().path("dossiers").path(code).asLong()).isZero();
        }

        put("/sandbox/faults/igate?mode=NONE");
        for (String code : codes) {
            awaitState(code, "FORWARDED");
        }
        Thread.sleep(500);
        JsonNode received = igateStats().path("dossiers");
        codes.forEach(code -> assertThat(received.path(code).asLong()).as(code).isEqualTo(1));
    }

    @Test
    void aDossierIgateRefusesIsDeadLetteredWithItsReasonOthersFlowAndAReplayDeliversIt() throws Exception {
        camel.getRouteController().stopRoute(POLL); // the refusal is switched on before the gateway sees the dossiers
        List<String> codes = submit(3, false);
        String refused = codes.get(1);
        put("/sandbox/faults/igate/refuse?maHoSo=" + refused);
        camel.getRouteController().startRoute(POLL);

        awaitState(codes.get(0), "FORWARDED");
        awaitState(codes.get(2), "FORWARDED");
        awaitState(refused, "FAILED");
        JsonNode status = JSON.readTree(api("/api/v1/online-dossiers/" + refused).body());
        assertThat(status.path("state").asText()).isEqualTo("FAILED");
        assertThat(status.path("reason").asText()).contains("UpstreamErrorException").contains("HTTP 422");
        assertThat(status.path("attempts").asInt()).isEqualTo(3); // 1 + 2 redeliveries for a refusal in tests
        // the row says FAILED as soon as the route marks it; the dead letter is there once its JMS transaction commits
        Message dead = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> deadLetter(refused), java.util.Objects::nonNull);
        assertThat(dead.getStringProperty("DeadLetterReason")).contains("HTTP 422");
        assertThat(igateStats().path("dossiers").path(refused).asLong()).isZero();

        // not granted, malformed, unknown, not dead-lettered: refused with a code, nothing queued
        assertThat(replay(refused, "sandbox-portal-key-2026").statusCode()).isEqualTo(403);
        assertThat(replay("not-a-code", API_KEY).statusCode()).isEqualTo(400);
        assertThat(api("/api/v1/online-dossiers/000.00.00.H41-261123-0000").statusCode()).isEqualTo(404);
        HttpResponse<String> notReplayable = replay(codes.get(0), API_KEY);
        assertThat(notReplayable.statusCode()).isEqualTo(409);
        assertThat(notReplayable.body()).contains("ONLINE_DOSSIER_NOT_REPLAYABLE");

        put("/sandbox/faults/igate/refuse?maHoSo=" + refused + "&refuse=false");
        HttpResponse<String> replayed = replay(refused, API_KEY);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(202);
        awaitState(refused, "FORWARDED");
        Thread.sleep(500);
        JsonNode received = igateStats().path("dossiers");
        codes.forEach(code -> assertThat(received.path(code).asLong()).as(code).isEqualTo(1));
    }

    @Test
    void aPollWhileThePortalIsDownKeepsNothingAndTheNextOneAfterItTakesEverything() throws Exception {
        put("/sandbox/faults/portal?mode=DOWN");
        List<String> codes = submit(2, false);
        Thread.sleep(1500); // several polls fail
        for (String code : codes) {
            assertThat(dossiers.find(code)).isEmpty();
        }
        put("/sandbox/faults/portal?mode=NONE");
        for (String code : codes) {
            awaitState(code, "FORWARDED");
        }
    }

    @Test
    void aHostileListIsRefusedWholeAndAMalformedDossierAloneNothingOfThemIsKeptOrForwarded() throws Exception {
        double hostileBefore = counter("refused-answer");
        put("/sandbox/faults/portal?mode=HOSTILE");
        List<String> codes = submit(2, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> counter("refused-answer") >= hostileBefore + 2);
        for (String code : codes) {
            assertThat(dossiers.find(code)).as("nothing of a hostile answer is kept").isEmpty();
        }
        assertThat(dossiers.find("000.00.00.H41-261123-999999")).isEmpty();

        double malformedBefore = counter("refused");
        put("/sandbox/faults/portal?mode=NONE");
        List<String> malformed = submit(1, true);
        List<String> after = submit(1, false);
        for (String code : codes) {
            awaitState(code, "FORWARDED");
        }
        awaitState(after.get(0), "FORWARDED");
        assertThat(counter("refused")).isGreaterThan(malformedBefore);
        assertThat(jdbc.queryForObject("select count(*) from portal_online_dossier where ma_ho_so = ? or ma_ho_so like '%999999'",
                Integer.class, malformed.get(0))).isZero();
        JsonNode received = igateStats().path("dossiers");
        assertThat(received.has(malformed.get(0))).isFalse();
        assertThat(received.has("000.00.00.H41-261123-999999")).isFalse();
    }

    // --- helpers ---

    private static List<String> submit(int count, boolean malformed) throws Exception {
        HttpResponse<String> r = put("/sandbox/faults/portal/online-dossiers?count=" + count + "&malformed=" + malformed);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        JSON.readTree(r.body()).path("submitted").forEach(c -> codes.add(c.asText()));
        return codes;
    }

    private void awaitState(String code, String state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(dossiers.state(code)));
    }

    /** The portal's list after {@code tuSo}, through the poll's own connector instance. */
    private String fetch(long tuSo) throws Exception {
        String request = JSON.writeValueAsString(java.util.Map.of("service", "LayDanhSachHoSoTrucTuyen", "madonvi", "000.00.00.H41", "TuSo", tuSo));
        return producer.requestBody("kamelet:national-portal-action/portal-online-dossier-fetch", request, String.class);
    }

    private long maxSeq() {
        Long max = jdbc.queryForObject("select max(portal_seq) from portal_online_dossier", Long.class);
        return max == null ? 0 : max;
    }

    private Exchange answer(String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private double counter(String outcome) {
        var counter = meters.find("gateway.online.dossiers").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode igateStats() throws Exception {
        return JSON.readTree(get("/sandbox/igate/stats", "Authorization", basic("admin", ADMIN_PASSWORD)).body());
    }

    private static HttpResponse<String> replay(String code, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/online-dossiers/" + code + "/replay"))).timeout(Duration.ofSeconds(20))
                        .header("X-API-Key", key).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Message deadLetter(String code) {
        return jms.browse("DLQ.igate.online-dossiers", (session, browser) -> {
            var messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message m = (Message) messages.nextElement();
                if (code.equals(m.getStringProperty(OnlineDossiers.CODE_HEADER))) {
                    return m;
                }
            }
            return null;
        });
    }
}
