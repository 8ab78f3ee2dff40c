package vn.lienthong.gateway.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import vn.lienthong.gateway.api.ErrorBody;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.TestCa;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogProperties;
import vn.lienthong.gateway.security.messagelog.RefusalLogProperties;
import vn.lienthong.gateway.security.messagelog.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Refusals at the gate into a real message log (H2): what one record holds, and what a flood costs. */
class GateRefusalsTest {

    private static final CmsSigner SIGNER = new CmsSigner(TestCa.create("Gate refusals test CA").signer("lienthong-gateway"));

    @TempDir
    Path folder;

    private TestDatabase db;
    private MessageLog log;
    private GateRefusals refusals;
    private final AtomicLong clock = new AtomicLong(1_760_000_000_000L);

    @BeforeEach
    void start() {
        db = TestDatabase.h2(folder);
        log = MessageLog.start(db.dataSource(), SIGNER, MessageLogProperties.defaults());
        refusals = new GateRefusals(log, new ExchangeLog(log, true), new RefusalLogProperties(5, 100, 1000, Duration.ofHours(1)), clock::get);
    }

    @AfterEach
    void stop() {
        refusals.destroy();
        log.close();
        db.close();
    }

    @Test
    void aBadKeyIsRecordedWithItsFingerprintNeverTheKey() {
        MockHttpServletRequest request = request("10.0.0.5", "req-bad-key-1");
        request.setAttribute(GateRefusals.CREDENTIAL_ATTRIBUTE, GateRefusals.apiKeyFingerprint("guessed-key-123"));
        String body = ErrorBody.json(ErrorCode.AUTH_INVALID, "The API key is not valid.", "req-bad-key-1");

        refusals.refused(request, ErrorCode.AUTH_INVALID, body);
        log.close();

        Map<String, Object> row = rows().get(0);
        assertThat(row).containsEntry("REQUEST_ID", "req-bad-key-1").containsEntry("OUTCOME", "AUTH_INVALID")
                .containsEntry("HTTP_STATUS", 401).containsEntry("SERVICE", "GET /api/v1/citizens/001203012345")
                .containsEntry("RESPONSE_HASH", Hashes.sha256Hex(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat((String) row.get("PARTNER_ID")).startsWith("key:sha256:")
                .isEqualTo("key:sha256:" + Hashes.sha256Hex("guessed-key-123".getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16))
                .doesNotContain("guessed");
    }

    @Test
    void aFloodOf401sCostsAFewRecordsAndOneThatCountsTheRest() {
        for (int i = 0; i < 2000; i++) {
            clock.set(1_760_000_000_000L + i / 4); // 2,000 refusals within half a second
            MockHttpServletRequest request = request("10.0.0.66", "flood-" + i);
            refusals.refused(request, ErrorCode.AUTH_REQUIRED, "{}");
        }
        refusals.writeSummaries();
        log.close();

        List<Map<String, Object>> rows = rows();
        assertThat(rows).hasSize(6);
        assertThat(rows.subList(0, 5)).extracting(r -> r.get("REQUEST_ID")).containsExactly("flood-0", "flood-1", "flood-2", "flood-3", "flood-4");
        assertThat(rows.get(5)).containsEntry("REQUEST_ID", GateRefusals.SUPPRESSED_PREFIX + 1995).containsEntry("PARTNER_ID", "ip:10.0.0.66")
                .containsEntry("OUTCOME", "AUTH_REQUIRED").containsEntry("HTTP_STATUS", 401);
    }

    @Test
    void nothingIsRecordedWhileTheMessageLogIsSwitchedOff() {
        ExchangeLog off = new ExchangeLog(log, false);
        GateRefusals quiet = new GateRefusals(log, off, new RefusalLogProperties(5, 100, 1000, Duration.ofHours(1)), clock::get);
        quiet.refused(request("10.0.0.7", "off-1"), ErrorCode.AUTH_REQUIRED, "{}");
        quiet.destroy();
        log.close();

        assertThat(rows()).isEmpty();
    }

    private static MockHttpServletRequest request(String address, String requestId) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/citizens/001203012345");
        request.setRemoteAddr(address);
        request.setAttribute(vn.lienthong.gateway.api.RequestContext.REQUEST_ID_ATTRIBUTE, requestId);
        return request;
    }

    private List<Map<String, Object>> rows() {
        return new JdbcTemplate(db.dataSource()).queryForList("select * from message_log order by seq");
    }
}
