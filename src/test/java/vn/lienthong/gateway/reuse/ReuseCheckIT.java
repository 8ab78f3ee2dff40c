package vn.lienthong.gateway.reuse;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.DepositRequest;
import vn.lienthong.gateway.edata.EdataFixtures;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.Source;
import vn.lienthong.gateway.sandbox.SimulatorGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** POST /api/v1/reuse-checks end to end: the e-data store, the four registries' simulators over HTTP, the budget, the access log. */
class ReuseCheckIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AN = "001203012345";
    private static final String BICH = "001165004321";
    private static final String HUNG = "036048000777";
    private static final String LAN_HAI_PHONG = "031190001111";
    private static final String LAN_HCM = "079190002222";
    private static final String BUILDING_PERMIT = "1.001757.000.00.00.H41";
    private static final String MARRIAGE = "1.004227.000.00.00.H41";
    private static final String DRIVING_LICENCE_RENEWAL = "1.002755.000.00.00.H41";
    private static final String UNEMPLOYMENT_BENEFIT = "1.001978.000.00.00.H41";
    private static final String ENTERPRISE_CHANGE = "1.001612.000.00.00.H41";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EdataStore edata;
    @Autowired
    SimulatorGate simulators;

    @AfterEach
    void registriesBackToNormal() throws Exception {
        for (String system : new String[]{"business", "social-insurance", "land", "population"}) {
            put("/sandbox/faults/" + system + "?mode=NONE");
        }
        // breakers opened by an outage test let calls through again after their open state
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode r = check(UNEMPLOYMENT_BENEFIT, "CITIZEN", AN, true, "after-" + UUID.randomUUID());
            JsonNode l = check(BUILDING_PERMIT, "CITIZEN", AN, true, "after-" + UUID.randomUUID());
            return r.path("items").findValuesAsText("decision").stream().allMatch("VERIFIED_BY_REGISTRY"::equals)
                    && l.path("items").findValuesAsText("decision").stream().allMatch("VERIFIED_BY_REGISTRY"::equals);
        });
    }

    @Test
    void registriesVouchForTheLandUseCertificateAndTheResidence() throws Exception {
        HttpResponse<String> response = post(body(BUILDING_PERMIT, "CITIZEN", AN, true), "reuse-req-1");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("procedureCode").asText()).isEqualTo(BUILDING_PERMIT);
        JsonNode land = item(result, "KQ.G05.000001");
        assertThat(land.path("decision").asText()).isEqualTo("VERIFIED_BY_REGISTRY");
        assertThat(land.path("verification").path("registry").asText()).isEqualTo("LAND");
        assertThat(land.path("verification").path("facts").path("parcels").get(0).path("certificateNumber").asText()).isEqualTo("CS 000001");
        assertThat(land.path("verification").path("verifiedAt").asText()).isNotBlank();
        JsonNode residence = item(result, "KQ.G03.000001");
        assertThat(residence.path("decision").asText()).isEqualTo("VERIFIED_BY_REGISTRY");
        assertThat(residence.path("verification").path("facts").path("communeCode").asText()).isEqualTo("00004");

        Map<String, Object> log = jdbc.queryForMap("select * from lookup_access_log where request_id = 'reuse-req-1'");
        assertThat(log).containsEntry("SERVICE", "reuse.check").containsEntry("SUBJECT_ID", AN).containsEntry("REQUESTER", "igate-demo")
                .containsEntry("PURPOSE", "tiep-nhan-ho-so").containsEntry("EXPLICIT_REQUEST", true)
                .containsEntry("ON_BEHALF_OF", "canbo.motcua.07").containsEntry("OUTCOME", "OK");
        // the registry calls of the check are in the message log under the check's request id
        assertThat(jdbc.queryForList("select partner_id from message_log where request_id = 'reuse-req-1' and direction = 'OUTBOUND'", String.class))
                .containsExactlyInAnyOrder("land-registry", "population-registry");
    }

    @Test
    void aValidDocumentOfTheApplicantsOwnIsOfferedAndNobodyElses() throws Exception {
        UUID bichs = deposit(BICH, "KQ.G11.000003", "reuse-xnhn-bich", LocalDate.now().minusMonths(2), null);
        deposit(LAN_HAI_PHONG, "KQ.G11.000003", "reuse-xnhn-lan-hp", LocalDate.now().minusMonths(1), null);

        JsonNode bich = check(MARRIAGE, "CITIZEN", BICH, false, "reuse-req-bich");
        JsonNode offered = item(bich, "KQ.G11.000003");
        assertThat(offered.path("decision").asText()).isEqualTo("REUSABLE_FROM_EDATA");
        assertThat(offered.path("document").path("documentId").asText()).isEqualTo(bichs.toString());
        assertThat(offered.path("document").path("issuer").asText()).isEqualTo("000.00.11.H29");
        assertThat(jdbc.queryForObject("select explicit_request from lookup_access_log where request_id = 'reuse-req-bich'", Boolean.class)).isFalse();

        // the other Phạm Thị Lan, same name and birth date as the one who has the paper: nothing is offered
        JsonNode namesake = check(MARRIAGE, "CITIZEN", LAN_HCM, true, "reuse-req-lan-hcm");
        JsonNode collect = item(namesake, "KQ.G11.000003");
        assertThat(collect.path("decision").asText()).isEqualTo("MUST_COLLECT");
        assertThat(collect.path("reason").asText()).isEqualTo("NONE_HELD");
        assertThat(namesake.toString()).doesNotContain("reuse-xnhn-lan-hp");
    }

    @Test
    void expiredAndRevokedDocumentsAreNeverOffered() throws Exception {
        deposit(LAN_HAI_PHONG, "KQ.G12.000001", "reuse-gplx-expired", LocalDate.now().minusYears(12), LocalDate.now().minusYears(2));
        UUID revoked = deposit(BICH, "KQ.G12.000001", "reuse-gplx-revoked", LocalDate.now().minusYears(1), null);
        edata.revoke(revoked, "cấp sai thông tin", "test");

        JsonNode expired = item(check(DRIVING_LICENCE_RENEWAL, "CITIZEN", LAN_HAI_PHONG, true, "reuse-exp"), "KQ.G12.000001");
        assertThat(expired.path("decision").asText()).isEqualTo("MUST_COLLECT");
        assertThat(expired.path("reason").asText()).isEqualTo("EXPIRED");
        JsonNode withdrawn = item(check(DRIVING_LICENCE_RENEWAL, "CITIZEN", BICH, true, "reuse-rev"), "KQ.G12.000001");
        assertThat(withdrawn.path("decision").asText()).isEqualTo("MUST_COLLECT");
        assertThat(withdrawn.path("reason").asText()).isEqualTo("REVOKED");
        assertThat(withdrawn.has("document")).isFalse();
    }

    @Test
    void aFutureDatedDocumentIsNotOfferedAndWhatIsOfferedIsInTheOwnersAccessLog() throws Exception {
        String owner = "001203099555";
        LocalDate today = LocalDate.now(EdataStore.VIETNAM);
        UUID future = edata.deposit(new DepositRequest(OwnerType.CITIZEN, owner, "KQ.G11.000003", "reuse-future", "Giấy tờ reuse-future",
                "000.00.11.H29", today.minusDays(1), today.plusDays(1), null, new Source(null, null, Channel.DESK), "application/pdf",
                EdataFixtures.pdf("reuse-future"), "test")).document().id();
        JsonNode notYet = item(check(MARRIAGE, "CITIZEN", owner, true, "reuse-future-1"), "KQ.G11.000003");
        assertThat(notYet.path("decision").asText()).isEqualTo("MUST_COLLECT");
        assertThat(notYet.path("reason").asText()).isEqualTo("NOT_YET_VALID");
        assertThat(ownersLog(owner, "reuse-future-1")).isEmpty();

        UUID current = deposit(owner, "KQ.G11.000003", "reuse-current", today.minusMonths(3), null);
        String withDossier = body(MARRIAGE, "CITIZEN", owner, true);
        withDossier = withDossier.substring(0, withDossier.length() - 1) + ", \"dossierCode\": \"H41.22-251205-0042\"}";
        HttpResponse<String> response = post(withDossier, "reuse-future-2");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode offered = item(JSON.readTree(response.body()), "KQ.G11.000003");
        assertThat(offered.path("decision").asText()).isEqualTo("REUSABLE_FROM_EDATA");
        assertThat(offered.path("document").path("documentId").asText()).isEqualTo(current.toString()).isNotEqualTo(future.toString());

        List<JsonNode> log = ownersLog(owner, "reuse-future-2");
        assertThat(log).filteredOn(e -> e.path("outcome").asText().equals("OFFERED")).singleElement().satisfies(e -> {
            assertThat(e.path("documentId").asText()).isEqualTo(current.toString());
            assertThat(e.path("requester").asText()).isEqualTo("igate-demo");
            assertThat(e.path("officer").asText()).isEqualTo("canbo.motcua.07");
            assertThat(e.path("procedureCode").asText()).isEqualTo(MARRIAGE);
            assertThat(e.path("dossierCode").asText()).isEqualTo("H41.22-251205-0042");
            assertThat(e.path("purpose").asText()).isEqualTo("tiep-nhan-ho-so");
            assertThat(e.path("explicitRequest").asBoolean()).isTrue();
            assertThat(e.path("documentType").asText()).isEqualTo("KQ.G11.000003");
            assertThat(e.path("readAt").asText()).isNotBlank();
        });
    }

    @Test
    void theRegistryFactsACheckUsedAreInTheOwnersAccessLog() throws Exception {
        // on a loaded machine the first checks may outlast the registry budget: the one that the registries answered in time
        String[] requestId = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            requestId[0] = "reuse-facts-log-" + UUID.randomUUID();
            return check(BUILDING_PERMIT, "CITIZEN", AN, false, requestId[0]).path("items").findValuesAsText("decision").stream()
                    .allMatch("VERIFIED_BY_REGISTRY"::equals);
        });
        assertThat(ownersLog(AN, requestId[0])).extracting(e -> e.path("outcome").asText() + " " + e.path("registry").asText() + " "
                        + e.path("documentType").asText() + " " + e.path("officer").asText() + " " + e.path("explicitRequest").asBoolean())
                .containsExactlyInAnyOrder("REGISTRY_FACTS LAND KQ.G05.000001 canbo.motcua.07 false",
                        "REGISTRY_FACTS POPULATION KQ.G03.000001 canbo.motcua.07 false");
    }

    @Test
    void theRegistryNeverVouchesForTheDeadOrForAWithdrawnRecord() throws Exception {
        JsonNode deceased = item(check(BUILDING_PERMIT, "CITIZEN", HUNG, true, "reuse-dead"), "KQ.G03.000001");
        assertThat(deceased.path("decision").asText()).isEqualTo("MUST_COLLECT");
        assertThat(deceased.path("reason").asText()).isEqualTo("NONE_HELD");
        // his only land-use certificate was revoked
        JsonNode land = item(check(BUILDING_PERMIT, "CITIZEN", HUNG, true, "reuse-dead-2"), "KQ.G05.000001");
        assertThat(land.path("reason").asText()).isEqualTo("REVOKED");

        JsonNode active = item(check(ENTERPRISE_CHANGE, "ENTERPRISE", "0109876543", true, "reuse-ent-1"), "KQ.G22.000001");
        assertThat(active.path("decision").asText()).isEqualTo("VERIFIED_BY_REGISTRY");
        assertThat(active.path("verification").path("facts").path("name").asText()).isEqualTo("CÔNG TY TNHH CÔNG NGHỆ AN PHÁT");
        JsonNode dissolved = item(check(ENTERPRISE_CHANGE, "ENTERPRISE", "0100234567", true, "reuse-ent-2"), "KQ.G22.000001");
        assertThat(dissolved.path("decision").asText()).isEqualTo("MUST_COLLECT");
        assertThat(dissolved.path("reason").asText()).isEqualTo("REVOKED");
        JsonNode unknown = item(check(ENTERPRISE_CHANGE, "ENTERPRISE", "0199999999", true, "reuse-ent-3"), "KQ.G22.000001");
        assertThat(unknown.path("reason").asText()).isEqualTo("NONE_HELD");
    }

    @Test
    void unknownProcedureAndWrongApplicantsAre400AndAskNoRegistry() throws Exception {
        long before = registryCalls();
        HttpResponse<String> unknown = post(body("9.999999.000.00.00.H41", "CITIZEN", AN, true), "reuse-unknown");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).path("code").asText()).isEqualTo("PROCEDURE_UNKNOWN");
        assertThat(jdbc.queryForMap("select outcome, purpose, explicit_request from lookup_access_log where request_id = 'reuse-unknown'"))
                .containsEntry("OUTCOME", "PROCEDURE_UNKNOWN").containsEntry("PURPOSE", "tiep-nhan-ho-so").containsEntry("EXPLICIT_REQUEST", true);

        HttpResponse<String> badId = post(body(BUILDING_PERMIT, "CITIZEN", "12345", true), "reuse-bad-id");
        assertThat(JSON.readTree(badId.body()).path("code").asText()).isEqualTo("OWNER_ID_INVALID");
        HttpResponse<String> oldCard = post(body(BUILDING_PERMIT, "CITIZEN", "012345678", true), "reuse-old-card");
        assertThat(JSON.readTree(oldCard.body()).path("code").asText()).isEqualTo("OWNER_ID_INVALID");
        HttpResponse<String> notForEnterprises = post(body(BUILDING_PERMIT, "ENTERPRISE", "0109876543", true), "reuse-wrong-type");
        assertThat(notForEnterprises.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notForEnterprises.body()).path("code").asText()).isEqualTo("REUSE_REQUEST_INVALID");
        assertThat(registryCalls()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "not json",
            "[]",
            "\"just a string\"",
            "{\"procedureCode\": 1, \"applicant\": {\"type\": \"CITIZEN\", \"id\": \"001203012345\"}, \"requester\": \"x\", \"purpose\": \"p\", \"explicitRequest\": true}",
            "{\"procedureCode\": \"1.001757.000.00.00.H41\", \"applicant\": \"001203012345\", \"requester\": \"x\", \"purpose\": \"p\", \"explicitRequest\": true}",
            "{\"procedureCode\": \"1.001757.000.00.00.H41\", \"applicant\": {\"type\": \"CITIZEN\", \"id\": \"001203012345\"}, \"requester\": \"x\", \"purpose\": \"p\", \"explicitRequest\": \"yes\"}",
            "{\"procedureCode\": \"1.001757.000.00.00.H41\", \"applicant\": {\"type\": \"CITIZEN\", \"id\": \"001203012345\"}, \"requester\": \"x\", \"purpose\": \"p\"}",
            "{\"procedureCode\": \"1.001757.000.00.00.H41\", \"applicant\": {\"type\": \"ROBOT\", \"id\": \"001203012345\"}, \"requester\": \"x\", \"purpose\": \"p\", \"explicitRequest\": true}",
            "{\"procedureCode\": \"1.001757.000.00.00.H41\", \"applicant\": {\"type\": \"CITIZEN\", \"id\": \"001203012345\", \"CamelHttpUri\": \"http://evil\"}, \"requester\": \"x\", \"purpose\": \"p\", \"explicitRequest\": true}",
            "{\"procedureCode\": \"1.001757.000.00.00.H41\", \"applicant\": {\"type\": \"CITIZEN\", \"id\": \"001203012345\"}, \"requester\": \"x\", \"purpose\": \"p\", \"explicitRequest\": true, \"registryUrl\": \"http://evil\"}",
            "{\"procedureCode\": \"1.001757.000.00.00.H41\", \"applicant\": {\"type\": \"CITIZEN\", \"id\": \"001203012345\"}, \"requester\": \"x\\u0000y\", \"purpose\": \"p\", \"explicitRequest\": true}",
            "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]"})
    void hostileOrMalformedBodiesAre400AndAskNoRegistry(String hostile) throws Exception {
        long before = registryCalls();
        HttpResponse<String> response = post(hostile, "reuse-hostile");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("REUSE_REQUEST_INVALID");
        assertThat(response.body()).doesNotContain("root:");
        assertThat(registryCalls()).isEqualTo(before);
    }

    @Test
    void aLongPurposeIsRefused() throws Exception {
        String body = body(BUILDING_PERMIT, "CITIZEN", AN, true).replace("tiep-nhan-ho-so", "x".repeat(500));
        assertThat(JSON.readTree(post(body, "reuse-long").body()).path("code").asText()).isEqualTo("REUSE_REQUEST_INVALID");
    }

    @Test
    void aRegistryThatIsDownTurnsOnlyItsOwnPaperIntoRegistryUnavailable() throws Exception {
        put("/sandbox/faults/land?mode=DOWN");
        JsonNode result = check(BUILDING_PERMIT, "CITIZEN", AN, true, "reuse-land-down");
        assertThat(item(result, "KQ.G05.000001").path("decision").asText()).isEqualTo("MUST_COLLECT");
        assertThat(item(result, "KQ.G05.000001").path("reason").asText()).isEqualTo("REGISTRY_UNAVAILABLE");
        assertThat(item(result, "KQ.G03.000001").path("decision").asText()).isEqualTo("VERIFIED_BY_REGISTRY");
    }

    @Test
    void aSlowRegistryIsCutAtTheBudgetAndTheOthersStillAnswer() throws Exception {
        put("/sandbox/faults/social-insurance?mode=SLOW&delayMillis=3000");
        long started = System.nanoTime();
        JsonNode result = check(UNEMPLOYMENT_BENEFIT, "CITIZEN", AN, true, "reuse-si-slow");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).isGreaterThanOrEqualTo(REUSE_BUDGET_MS - 50).isLessThan(3000 - 200); // cut by the budget (see the detail), not by the registry's 3 s
        assertThat(item(result, "KQ.G08.000001").path("reason").asText()).isEqualTo("REGISTRY_UNAVAILABLE");
        assertThat(item(result, "KQ.G08.000001").path("detail").asText()).contains("budget");
        assertThat(item(result, "KQ.G03.000001").path("decision").asText()).isEqualTo("VERIFIED_BY_REGISTRY");

        // slow, but within the budget: still vouched for
        put("/sandbox/faults/social-insurance?mode=SLOW&delayMillis=300");
        JsonNode inTime = check(UNEMPLOYMENT_BENEFIT, "CITIZEN", AN, true, "reuse-si-slowish");
        assertThat(item(inTime, "KQ.G08.000001").path("decision").asText()).isEqualTo("VERIFIED_BY_REGISTRY");
        assertThat(item(inTime, "KQ.G08.000001").path("verification").path("facts").path("number").asText()).isEqualTo("0123456789");
    }

    @Test
    void registriesAreAskedInParallel() throws Exception {
        // both registries are slow; asked one after the other they would take twice as long
        put("/sandbox/faults/social-insurance?mode=SLOW&delayMillis=600");
        put("/sandbox/faults/population?mode=SLOW&delayMillis=600");
        long started = System.nanoTime();
        JsonNode result = check(UNEMPLOYMENT_BENEFIT, "CITIZEN", AN, true, "reuse-parallel");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(result.path("items").findValuesAsText("decision")).containsOnly("VERIFIED_BY_REGISTRY");
        assertThat(millis).isLessThan(1100);
    }

    @Test
    void partnersWithoutTheGrantAreRefused() throws Exception {
        HttpResponse<String> portal = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/reuse-checks")))
                .header("X-API-Key", "sandbox-portal-key-2026").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body(BUILDING_PERMIT, "CITIZEN", AN, true))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(portal.statusCode()).isEqualTo(403);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private long registryCalls() throws Exception {
        return registryRequests() + simulators.requestCount("business") + simulators.requestCount("social-insurance") + simulators.requestCount("land");
    }

    private UUID deposit(String owner, String type, String number, LocalDate issued, LocalDate validUntil) {
        DepositRequest request = new DepositRequest(OwnerType.CITIZEN, owner, type, number, "Giấy tờ " + number, "000.00.11.H29",
                issued, null, validUntil, new Source(null, null, Channel.DESK), "application/pdf", EdataFixtures.pdf(number), "test");
        return edata.deposit(request).document().id();
    }

    static String body(String procedure, String type, String id, boolean explicit) {
        return "{\"procedureCode\": \"" + procedure + "\", \"applicant\": {\"type\": \"" + type + "\", \"id\": \"" + id + "\"},"
                + " \"requester\": \"canbo.motcua.07\", \"purpose\": \"tiep-nhan-ho-so\", \"explicitRequest\": " + explicit + "}";
    }

    private static HttpResponse<String> post(String body, String requestId) throws Exception {
        return postJson("/api/v1/reuse-checks", body, "X-Request-Id", requestId);
    }

    private static JsonNode check(String procedure, String type, String id, boolean explicit, String requestId) throws Exception {
        HttpResponse<String> response = post(body(procedure, type, id, explicit), requestId);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The entries of the owner's access log (GET /api/v1/edata/owners/{id}/access-log, every page) made by one request. */
    private static List<JsonNode> ownersLog(String owner, String requestId) throws Exception {
        List<JsonNode> entries = new ArrayList<>();
        String after = "";
        for (int pages = 0; pages < 100 && after != null; pages++) {
            HttpResponse<String> response = get("/api/v1/edata/owners/" + owner + "/access-log?ownerType=CITIZEN&limit=1000" + after,
                    "X-API-Key", "sandbox-portal-key-2026");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode page = JSON.readTree(response.body());
            page.path("reads").forEach(e -> {
                if (requestId.equals(e.path("requestId").asText())) {
                    entries.add(e);
                }
            });
            after = page.has("next") ? "&after=" + page.path("next").asLong() : null;
        }
        return entries;
    }

    private static JsonNode item(JsonNode result, String type) {
        for (JsonNode item : result.path("items")) {
            if (type.equals(item.path("documentType").asText())) {
                return item;
            }
        }
        throw new AssertionError("no item for " + type + " in " + result);
    }
}
