package vn.lienthong.gateway.registry;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.sandbox.SimulatorGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The civil-status look-up, a national system added with files only (connectors/civil-status-action.kamelet.yaml,
 * routes/civil-status-lookup.camel.yaml, mappings/civil-status-to-record.xsl, the grant in config/partners-sandbox.yaml),
 * end to end over real HTTP against the sandbox's civil-status simulator: answers, coded refusals, the access log,
 * the message log, the circuit breaker's 503 and the connector's health entry.
 */
class CivilStatusLookupIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVICE = "registry.civil-status";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SimulatorGate simulators;

    @AfterEach
    void registryBackToNormal() throws Exception {
        put("/sandbox/faults/civil-status?mode=NONE");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/v1/civil-status-records/KS-00004-2003-000123").statusCode() == 200);
    }

    @Test
    void aBirthByRegistrationNumberIsAnsweredAccessLoggedAndMessageLoggedUnderTheCaller() throws Exception {
        HttpResponse<String> response = api("/api/v1/civil-status-records/KS-00004-2003-000123?purpose=tiep-nhan-ho-so",
                "X-Request-Id", "hotich-req-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("hotich-req-1");
        JsonNode record = JSON.readTree(response.body());
        assertThat(record.path("registrationNumber").asText()).isEqualTo("KS-00004-2003-000123");
        assertThat(record.path("type").asText()).isEqualTo("BIRTH");
        assertThat(record.path("registeredOn").asText()).isEqualTo("2003-05-20");
        assertThat(record.path("book").asText()).isEqualTo("01/2003");
        // the same person as in the population registry
        assertThat(record.path("child").path("personalId").asText()).isEqualTo("001203012345");
        assertThat(record.path("child").path("fullName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(record.path("child").path("birthDate").asText()).isEqualTo("2003-05-14");
        assertThat(record.path("fatherName").asText()).isEqualTo("Nguyễn Văn Bình");
        assertThat(record.path("registeredBy").path("communeCode").asText()).isEqualTo("00004");

        assertThat(accessLog("hotich-req-1")).containsEntry("SERVICE", SERVICE).containsEntry("SUBJECT_ID", "KS-00004-2003-000123")
                .containsEntry("OUTCOME", "OK").containsEntry("REQUESTER", "igate-demo").containsEntry("PURPOSE", "tiep-nhan-ho-so");
        assertThat(inboundMessageLog("hotich-req-1")).containsEntry("PARTNER_ID", "igate-demo").containsEntry("SERVICE", SERVICE)
                .containsEntry("OUTCOME", "OK").containsEntry("HTTP_STATUS", 200);
        // the connector's call to the registry is in the message log under the same request
        assertThat(jdbc.queryForList("select partner_id from message_log where request_id = 'hotich-req-1' and direction = 'OUTBOUND'", String.class))
                .containsExactly("civil-status");
    }

    @Test
    void aPersonsRegistrationsAreListedOldestFirstAndNobodyIsAnEmptyList() throws Exception {
        HttpResponse<String> lan = api("/api/v1/civil-status-records?personalId=031190001111", "X-Request-Id", "hotich-req-list");
        assertThat(lan.statusCode()).isEqualTo(200);
        JsonNode records = JSON.readTree(lan.body()).path("records");
        assertThat(records.findValuesAsText("type")).containsExactly("BIRTH", "MARRIAGE");
        JsonNode marriage = records.get(1);
        assertThat(marriage.path("registrationNumber").asText()).isEqualTo("KH-11329-2014-000027");
        assertThat(marriage.path("wife").path("personalId").asText()).isEqualTo("031190001111");
        assertThat(marriage.path("husband").path("gender").asText()).isEqualTo("MALE");
        assertThat(accessLog("hotich-req-list")).containsEntry("SUBJECT_ID", "031190001111").containsEntry("OUTCOME", "OK");

        JsonNode hung = JSON.readTree(api("/api/v1/civil-status-records?personalId=036048000777").body()).path("records");
        assertThat(hung.findValuesAsText("registrationNumber")).contains("KT-13684-2021-000089");
        JsonNode death = JSON.readTree(api("/api/v1/civil-status-records/KT-13684-2021-000089").body());
        assertThat(death.path("type").asText()).isEqualTo("DEATH");
        assertThat(death.path("deathDate").asText()).isEqualTo("2021-03-15");
        assertThat(death.path("deceased").path("fullName").asText()).isEqualTo("Lê Văn Hùng");

        HttpResponse<String> nobody = api("/api/v1/civil-status-records?personalId=001203099999");
        assertThat(nobody.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(nobody.body()).path("records").size()).isZero();
    }

    @Test
    void anUnknownNumberIsACoded404RecordedAsSuch() throws Exception {
        HttpResponse<String> response = api("/api/v1/civil-status-records/KS-00004-2003-999999", "X-Request-Id", "hotich-req-404");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("hotich-req-404");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asText()).isEqualTo("CIVIL_STATUS_NOT_FOUND");
        assertThat(error.path("message").asText()).isEqualTo("The civil-status database has no registration with this number.");
        assertThat(error.path("requestId").asText()).isEqualTo("hotich-req-404");
        assertThat(accessLog("hotich-req-404")).containsEntry("OUTCOME", "CIVIL_STATUS_NOT_FOUND").containsEntry("SUBJECT_ID", "KS-00004-2003-999999");
        assertThat(inboundMessageLog("hotich-req-404")).containsEntry("PARTNER_ID", "igate-demo").containsEntry("SERVICE", SERVICE)
                .containsEntry("OUTCOME", "CIVIL_STATUS_NOT_FOUND").containsEntry("HTTP_STATUS", 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KS-0004-2003-000123", "KX-00004-2003-000123", "ks-00004-2003-000123", "KS-00004-2003-123", "KS00004-2003-000123",
            "KS-00004-2003-000123%26soDinhDanh%3D001203012345", "001203012345", "%20"})
    void aMalformedNumberIsACoded400ThatNeverReachesTheRegistry(String number) throws Exception {
        long before = simulators.requestCount("civil-status");
        String requestId = "hotich-400-" + Math.abs(number.hashCode());
        HttpResponse<String> response = api("/api/v1/civil-status-records/" + number, "X-Request-Id", requestId);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("CIVIL_STATUS_NUMBER_INVALID");
        assertThat(simulators.requestCount("civil-status")).isEqualTo(before);
        // a malformed request is in the message log, not in the access log (docs/route-steps.md): it looked nobody up
        assertThat(inboundMessageLog(requestId)).containsEntry("OUTCOME", "CIVIL_STATUS_NUMBER_INVALID").containsEntry("HTTP_STATUS", 400);
        assertThat(jdbc.queryForObject("select count(*) from lookup_access_log where request_id = ?", Integer.class, requestId)).isZero();
    }

    @Test
    void aMalformedPersonalIdIsACoded400ThatNeverReachesTheRegistry() throws Exception {
        long before = simulators.requestCount("civil-status");
        for (String query : List.of("?personalId=12345", "?personalId=0312345678901", "?personalId=03119000111a", "")) {
            HttpResponse<String> response = api("/api/v1/civil-status-records" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).path("code").asText()).as(query).isEqualTo("CITIZEN_ID_INVALID");
        }
        assertThat(simulators.requestCount("civil-status")).isEqualTo(before);
    }

    @Test
    void withoutACredentialOrAGrantTheRegistryIsNotAsked() throws Exception {
        long before = simulators.requestCount("civil-status");
        HttpResponse<String> anonymous = get("/api/v1/civil-status-records/KS-00004-2003-000123");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("code").asText()).isEqualTo("AUTH_REQUIRED");
        // the portal's sandbox partner is not granted registry.civil-status
        HttpResponse<String> notGranted = get("/api/v1/civil-status-records?personalId=031190001111", "X-API-Key", "sandbox-portal-key-2026");
        assertThat(notGranted.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(notGranted.body()).path("code").asText()).isEqualTo("SERVICE_NOT_GRANTED");
        assertThat(simulators.requestCount("civil-status")).isEqualTo(before);
    }

    @Test
    void aRegistryDownIs503RecordedAndTheHealthEntrySaysDown() throws Exception {
        assertThat(connectorHealth().path("status").asText()).isEqualTo("UP");
        put("/sandbox/faults/civil-status?mode=DOWN");
        HttpResponse<String> response = api("/api/v1/civil-status-records/KS-00004-2003-000123", "X-Request-Id", "hotich-req-503");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(accessLog("hotich-req-503")).containsEntry("OUTCOME", "UPSTREAM_UNAVAILABLE");
        assertThat(inboundMessageLog("hotich-req-503")).containsEntry("SERVICE", SERVICE).containsEntry("HTTP_STATUS", 503);
        JsonNode health = connectorHealth();
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(health.path("details").path("connector").asText()).isEqualTo("Civil-status database (CSDL hộ tịch điện tử)");
    }

    @Test
    void aHostileAnswerIsA502AndNothingOfItIsServed() throws Exception {
        // a spoofed or compromised upstream: XML with a DOCTYPE and external entities
        put("/sandbox/faults/civil-status?mode=HOSTILE");
        HttpResponse<String> response = api("/api/v1/civil-status-records/KS-00004-2003-000123", "X-Request-Id", "hotich-req-502");
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UPSTREAM_ERROR");
        assertThat(response.body()).doesNotContain("root:", "ENTITY", "passwd");
        assertThat(accessLog("hotich-req-502")).containsEntry("OUTCOME", "UPSTREAM_ERROR");
    }

    private Map<String, Object> accessLog(String requestId) {
        return jdbc.queryForMap("select service, subject_id, outcome, requester, purpose from lookup_access_log where request_id = ?", requestId);
    }

    private Map<String, Object> inboundMessageLog(String requestId) {
        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "select count(*) from message_log where request_id = ? and direction = 'INBOUND'", Integer.class, requestId) > 0);
        return jdbc.queryForMap("select partner_id, service, outcome, http_status from message_log where request_id = ? and direction = 'INBOUND'",
                requestId);
    }

    private static JsonNode connectorHealth() throws Exception {
        return JSON.readTree(get("/actuator/health/connectors/civil-status-action", "Authorization", basic("admin", ADMIN_PASSWORD)).body());
    }
}
