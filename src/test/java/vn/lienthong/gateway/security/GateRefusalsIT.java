package vn.lienthong.gateway.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refusals at the gate are in the message log, under the caller's request id, with who (partner, or the
 * fingerprint of the credential, or the address), the service and the code; a flood of them costs a bounded
 * number of records. Requests go over plain sockets bound to loopback addresses of their own (127.0.0.x), so that
 * each test is its own source for the per-source bound, whatever other tests refused just before.
 */
class GateRefusalsIT extends GatewayTestSupport {

    private static final String LOOKUP = "/api/v1/citizens/001203012345";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GateRefusals refusals;

    @Test
    void noCredentialIsRecordedAs401AuthRequiredUnderTheCallersAddressAndRequestId() throws Exception {
        String id = "gate-none-" + System.nanoTime();

        assertThat(status(raw("127.0.0.21", "GET", LOOKUP, null, "X-Request-Id: " + id))).isEqualTo(401);

        Map<String, Object> record = recordOf(id);
        assertThat(record).containsEntry("PARTNER_ID", "ip:127.0.0.21").containsEntry("SERVICE", "citizen.lookup")
                .containsEntry("OUTCOME", "AUTH_REQUIRED").containsEntry("HTTP_STATUS", 401).containsEntry("DIRECTION", "INBOUND");
    }

    @Test
    void aBadKeyIsRecordedAs401AuthInvalidUnderItsFingerprint() throws Exception {
        String id = "gate-badkey-" + System.nanoTime();

        assertThat(status(raw("127.0.0.22", "GET", LOOKUP, null, "X-Request-Id: " + id, "X-API-Key: sandbox-igate-key-2025"))).isEqualTo(401);

        Map<String, Object> record = recordOf(id);
        assertThat(record).containsEntry("PARTNER_ID", GateRefusals.apiKeyFingerprint("sandbox-igate-key-2025"))
                .containsEntry("SERVICE", "citizen.lookup").containsEntry("OUTCOME", "AUTH_INVALID").containsEntry("HTTP_STATUS", 401);
        assertThat((String) record.get("PARTNER_ID")).doesNotContain("sandbox");
    }

    @Test
    void aServiceNotGrantedIsRecordedAs403UnderThePartner() throws Exception {
        String id = "gate-403-" + System.nanoTime();

        assertThat(get(LOOKUP, "X-API-Key", "sandbox-portal-key-2026", "X-Request-Id", id).statusCode()).isEqualTo(403);

        assertThat(recordOf(id)).containsEntry("PARTNER_ID", "portal-demo").containsEntry("SERVICE", "citizen.lookup")
                .containsEntry("OUTCOME", "SERVICE_NOT_GRANTED").containsEntry("HTTP_STATUS", 403);
    }

    @Test
    void aRateLimitedCallIsRecordedAs429UnderThePartner() throws Exception {
        List<String> limited = new ArrayList<>();
        try {
            for (int i = 0; i < 6 && limited.isEmpty(); i++) {
                String id = "gate-429-" + i + "-" + System.nanoTime();
                if (get("/api/v1/citizens/12345", "X-API-Key", "sandbox-slow-key-2026", "X-Request-Id", id).statusCode() == 429) {
                    limited.add(id);
                }
            }
            assertThat(limited).isNotEmpty();
            assertThat(recordOf(limited.get(0))).containsEntry("PARTNER_ID", "slow-demo").containsEntry("SERVICE", "citizen.lookup")
                    .containsEntry("OUTCOME", "RATE_LIMITED").containsEntry("HTTP_STATUS", 429);
        } finally {
            Thread.sleep(3000); // slow-demo's bucket (1/s, burst 2) full again for the other tests
        }
    }

    @Test
    void aBodyThatCannotBeReadWholeIsACoded400RecordedUnderThePartnerAndTheRequestId() throws Exception {
        String id = "gate-truncated-" + System.nanoTime();

        // the body announces 1,000 bytes and ends after 13: the body gate (after authentication) cannot read it whole;
        // before the gate this failed inside the route as a 500 recorded under "anonymous" and the exchange id
        raw("127.0.0.1", "POST", "/api/v1/reuse-checks", "{\"applicant\":", "X-Request-Id: " + id, "X-API-Key: " + API_KEY,
                "Content-Type: application/json", "Content-Length: 1000");

        Map<String, Object> record = recordOf(id);
        assertThat(record).containsEntry("PARTNER_ID", "igate-demo").containsEntry("OUTCOME", "REQUEST_INVALID").containsEntry("HTTP_STATUS", 400);
    }

    @Test
    void aFloodOf401sCostsABoundedNumberOfRecordsAndTheRestIsCounted() throws Exception {
        String prefix = "gate-flood-" + System.nanoTime() + "-";
        int sent = 150;
        long started = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            assertThat(status(raw("127.0.0.77", "GET", LOOKUP, null, "X-Request-Id: " + prefix + i, "X-API-Key: guess-" + i))).isEqualTo(401);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds() + 1;
        refusals.writeSummaries();

        await().atMost(Duration.ofSeconds(10)).until(() -> suppressedFrom("ip:127.0.0.77") > 0);
        long individual = jdbc.queryForObject("select count(*) from message_log where request_id like ?", Long.class, prefix + "%");
        long suppressed = suppressedFrom("ip:127.0.0.77");
        assertThat(individual).isPositive().isLessThanOrEqualTo(10 * (seconds + 1));
        assertThat(individual + suppressed).isEqualTo(sent);
    }

    private long suppressedFrom(String source) {
        return jdbc.queryForList("select request_id from message_log where partner_id = ? and request_id like ?", String.class,
                        source, GateRefusals.SUPPRESSED_PREFIX + "%").stream()
                .mapToLong(r -> Long.parseLong(r.substring(GateRefusals.SUPPRESSED_PREFIX.length()))).sum();
    }

    private Map<String, Object> recordOf(String requestId) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                jdbc.queryForObject("select count(*) from message_log where request_id = ?", Long.class, requestId) > 0);
        List<Map<String, Object>> rows = jdbc.queryForList("select * from message_log where request_id = ?", requestId);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    /** One HTTP/1.1 request from {@code from} (a loopback address); a body shorter than its Content-Length is cut there. */
    private static String raw(String from, String method, String path, String body, String... headers) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", PORT), 5000);
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("\r\n");
            if (body != null) {
                request.append(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            try {
                in.transferTo(response);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // the server may reset a connection whose request it could not read to the end
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }
}
