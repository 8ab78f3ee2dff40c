package vn.lienthong.gateway.registry;

import java.net.http.HttpResponse;
import java.time.Duration;

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

/** The business, social-insurance and land look-ups end to end: REST route, connector Kamelet, sandbox simulator over HTTP, access log. */
class RegistryLookupsIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SimulatorGate simulators;

    @AfterEach
    void registriesBackToNormal() throws Exception {
        for (String system : new String[]{"business", "social-insurance", "land"}) {
            put("/sandbox/faults/" + system + "?mode=NONE");
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .until(() -> api("/api/v1/enterprises/0109876543").statusCode() == 200
                        && api("/api/v1/social-insurance/0123456789").statusCode() == 200
                        && api("/api/v1/land-parcels/by-certificate/CS000001").statusCode() == 200);
    }

    @Test
    void enterpriseByCodeAndItsBranch() throws Exception {
        HttpResponse<String> response = api("/api/v1/enterprises/0109876543", "X-Request-Id", "ent-req-1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode e = JSON.readTree(response.body());
        assertThat(e.path("code").asText()).isEqualTo("0109876543");
        assertThat(e.path("name").asText()).isEqualTo("CÔNG TY TNHH CÔNG NGHỆ AN PHÁT");
        assertThat(e.path("status").asText()).isEqualTo("Đang hoạt động");
        assertThat(e.path("foundingDate").asText()).isEqualTo("2024-03-01");
        // the same person as in the population registry
        assertThat(e.path("representatives").get(0).path("personalId").asText()).isEqualTo("001203012345");
        assertThat(e.path("representatives").get(0).path("fullName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(jdbc.queryForMap("select service, subject_id, outcome, requester from lookup_access_log where request_id = 'ent-req-1'"))
                .containsEntry("SERVICE", "registry.enterprise").containsEntry("SUBJECT_ID", "0109876543")
                .containsEntry("OUTCOME", "OK").containsEntry("REQUESTER", "igate-demo");

        JsonNode branch = JSON.readTree(api("/api/v1/enterprises/0109876543-001").body());
        assertThat(branch.path("parentCode").asText()).isEqualTo("0109876543");
        // 13 digits without the hyphen are the same branch
        assertThat(JSON.readTree(api("/api/v1/enterprises/0109876543001").body()).path("code").asText()).isEqualTo("0109876543-001");
    }

    @Test
    void unknownEnterpriseIs404AndLogged() throws Exception {
        HttpResponse<String> response = api("/api/v1/enterprises/0199999999", "X-Request-Id", "ent-req-404");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("ENTERPRISE_NOT_FOUND");
        assertThat(jdbc.queryForObject("select outcome from lookup_access_log where request_id = 'ent-req-404'", String.class))
                .isEqualTo("ENTERPRISE_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "01098765431", "010987654", "0109876543-01", "0109876543-0001", "01098765a3", "0000000000", "0109876543%27--", "%20"})
    void malformedEnterpriseCodesAre400AndNeverReachTheRegistry(String code) throws Exception {
        long before = simulators.requestCount("business");
        HttpResponse<String> response = api("/api/v1/enterprises/" + code);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("ENTERPRISE_CODE_INVALID");
        assertThat(simulators.requestCount("business")).isEqualTo(before);
    }

    @Test
    void socialInsuranceByNumberAndBySearch() throws Exception {
        JsonNode p = JSON.readTree(api("/api/v1/social-insurance/0123456789").body());
        assertThat(p.path("personalId").asText()).isEqualTo("001203012345");
        assertThat(p.path("fullName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(p.path("birthDate").asText()).isEqualTo("2003-05-14");
        assertThat(p.path("status").asText()).isEqualTo("PARTICIPATING");

        // two namesakes born the same day: both are returned, never one picked at random
        HttpResponse<String> search = api("/api/v1/social-insurance?fullName=Ph%E1%BA%A1m%20Th%E1%BB%8B%20Lan&birthDate=1990-01-01");
        assertThat(search.statusCode()).isEqualTo(200);
        JsonNode found = JSON.readTree(search.body()).path("participants");
        assertThat(found.size()).isGreaterThanOrEqualTo(2);
        assertThat(found.findValuesAsText("personalId")).contains("031190001111", "079190002222");

        HttpResponse<String> none = api("/api/v1/social-insurance?fullName=Kh%C3%B4ng%20C%C3%B3&birthDate=1990-01-01");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).path("code").asText()).isEqualTo("SOCIAL_INSURANCE_NOT_FOUND");
        assertThat(api("/api/v1/social-insurance/0999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void badSocialInsuranceRequestsAre400() throws Exception {
        long before = simulators.requestCount("social-insurance");
        assertThat(JSON.readTree(api("/api/v1/social-insurance/12345").body()).path("code").asText()).isEqualTo("SOCIAL_INSURANCE_NUMBER_INVALID");
        assertThat(JSON.readTree(api("/api/v1/social-insurance/01234567890").body()).path("code").asText()).isEqualTo("SOCIAL_INSURANCE_NUMBER_INVALID");
        assertThat(JSON.readTree(api("/api/v1/social-insurance?fullName=Lan&birthDate=01-01-1990").body()).path("code").asText()).isEqualTo("BIRTH_DATE_INVALID");
        assertThat(JSON.readTree(api("/api/v1/social-insurance?birthDate=1990-01-01").body()).path("code").asText()).isEqualTo("REQUEST_INVALID");
        // a name with query syntax in it is refused, not passed on to the registry's query string
        assertThat(api("/api/v1/social-insurance?fullName=Lan%26soDinhDanh%3D001203012345&birthDate=1990-01-01").statusCode()).isEqualTo(400);
        assertThat(simulators.requestCount("social-insurance")).isEqualTo(before);
    }

    @Test
    void landParcelByCertificateAndByCommuneSheetAndParcel() throws Exception {
        JsonNode byCertificate = JSON.readTree(api("/api/v1/land-parcels/by-certificate/CS%20000001").body());
        assertThat(byCertificate.path("certificateNumber").asText()).isEqualTo("CS 000001");
        assertThat(byCertificate.path("valid").asBoolean()).isTrue();
        assertThat(byCertificate.path("holders").findValuesAsText("personalId")).containsExactlyInAnyOrder("001165004321", "001203012345");

        JsonNode byNumber = JSON.readTree(api("/api/v1/land-parcels/00025/12/345").body());
        assertThat(byNumber.path("certificateNumber").asText()).isEqualTo("CS 000001");

        JsonNode revoked = JSON.readTree(api("/api/v1/land-parcels/by-certificate/cs000002").body());
        assertThat(revoked.path("valid").asBoolean()).isFalse();

        HttpResponse<String> none = api("/api/v1/land-parcels/by-certificate/ZZ999999", "X-Request-Id", "land-404");
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(none.body()).path("code").asText()).isEqualTo("LAND_PARCEL_NOT_FOUND");
        assertThat(jdbc.queryForObject("select outcome from lookup_access_log where request_id = 'land-404'", String.class)).isEqualTo("LAND_PARCEL_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"by-certificate/C1000001", "by-certificate/CS00001", "by-certificate/CS%20000001%26soDinhDanh%3D1", "0025/12/345", "00025/0/345", "00025/12/abc", "00025/12345/1"})
    void malformedParcelQueriesAre400(String path) throws Exception {
        long before = simulators.requestCount("land");
        HttpResponse<String> response = api("/api/v1/land-parcels/" + path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("LAND_PARCEL_QUERY_INVALID");
        assertThat(simulators.requestCount("land")).isEqualTo(before);
    }

    @Test
    void registryDownIs503AndHostileAnswerIs502() throws Exception {
        put("/sandbox/faults/business?mode=DOWN");
        HttpResponse<String> down = api("/api/v1/enterprises/0109876543", "X-Request-Id", "ent-down");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
        assertThat(jdbc.queryForObject("select outcome from lookup_access_log where request_id = 'ent-down'", String.class)).isEqualTo("UPSTREAM_UNAVAILABLE");

        put("/sandbox/faults/land?mode=HOSTILE");
        HttpResponse<String> hostile = api("/api/v1/land-parcels/by-certificate/CS000001");
        assertThat(hostile.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(hostile.body()).path("code").asText()).isEqualTo("UPSTREAM_ERROR");
    }

    @Test
    void slowRegistryIs503AtTheConnectorTimeout() throws Exception {
        put("/sandbox/faults/social-insurance?mode=SLOW&delayMillis=4000");
        long started = System.nanoTime();
        HttpResponse<String> response = api("/api/v1/social-insurance/0123456789");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(millis).isLessThan(REGISTRY_TIMEOUT_MS + 1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"business-registry-action:business", "social-insurance-action:social-insurance", "land-registry-action:land"})
    void everyConnectorHasItsOwnHealthEntryThatReallyProbes(String connectorAndSystem) throws Exception {
        String connector = connectorAndSystem.split(":")[0];
        String system = connectorAndSystem.split(":")[1];
        JsonNode up = JSON.readTree(get("/actuator/health/connectors/" + connector, "Authorization", basic("admin", ADMIN_PASSWORD)).body());
        assertThat(up.path("status").asText()).isEqualTo("UP");
        assertThat(up.path("details").path("url").asText()).endsWith("/sandbox/" + system + "/health");
        put("/sandbox/faults/" + system + "?mode=DOWN");
        JsonNode down = JSON.readTree(get("/actuator/health/connectors/" + connector, "Authorization", basic("admin", ADMIN_PASSWORD)).body());
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("details").path("httpStatus").asInt()).isEqualTo(503);
    }

    @Test
    void onlyGrantedPartnersMayLookUp() throws Exception {
        HttpResponse<String> portal = get("/api/v1/enterprises/0109876543", "X-API-Key", "sandbox-portal-key-2026");
        assertThat(portal.statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/land-parcels/00025/12/345").statusCode()).isEqualTo(401);
    }
}
