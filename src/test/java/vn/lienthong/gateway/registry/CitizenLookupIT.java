package vn.lienthong.gateway.registry;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import vn.lienthong.gateway.sandbox.Person;
import vn.lienthong.gateway.sandbox.Population;
import vn.lienthong.gateway.sandbox.PopulationRegistrySimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The identity look-up end to end: REST route, population-registry Kamelet, sandbox over HTTP, mapping, access log. */
class CitizenLookupIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PopulationRegistrySimulator simulator;

    @Autowired
    Population population;

    @AfterEach
    void registryBackToNormal() throws Exception {
        put("/sandbox/faults/population?mode=NONE");
        // the circuit breaker may be open after an outage test: wait until it lets calls through again
        await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(200))
                .until(() -> api("/api/v1/citizens/001203012345").statusCode() == 200);
    }

    @Test
    void knownCitizenWithMatchingNameAndBirthDate() throws Exception {
        HttpResponse<String> response = api("/api/v1/citizens/001203012345?fullName=" + enc("nguyễn  văn AN") + "&birthDate=2003-05-14",
                "X-Request-Id", "desk-42-req-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).contains("desk-42-req-1");
        JsonNode citizen = JSON.readTree(response.body());
        assertThat(citizen.path("id").asText()).isEqualTo("001203012345");
        assertThat(citizen.path("fullName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(citizen.path("birthDate").asText()).isEqualTo("2003-05-14");
        assertThat(citizen.path("gender").asText()).isEqualTo("MALE");
        assertThat(citizen.path("permanentResidence").path("provinceCode").asText()).isEqualTo("01");
        assertThat(citizen.path("permanentResidence").path("communeCode").asText()).isEqualTo("00004");
        assertThat(citizen.path("currentResidence").path("communeCode").asText()).isEqualTo("00025");
        assertThat(citizen.path("match").asBoolean()).isTrue();
        assertThat(citizen.path("deceased").asBoolean()).isFalse();

        List<Map<String, Object>> log = jdbc.queryForList("select * from lookup_access_log where request_id = ?", "desk-42-req-1");
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).containsEntry("REQUESTER", "igate-demo")
                .containsEntry("SERVICE", "citizen.lookup")
                .containsEntry("SUBJECT_ID", "001203012345")
                .containsEntry("OUTCOME", "OK");
    }

    @Test
    void everyLookUpAndItsRegistryCallAreInTheMessageLog() throws Exception {
        HttpResponse<String> response = api("/api/v1/citizens/001203012345", "X-Request-Id", "msglog-req-1");
        assertThat(response.statusCode()).isEqualTo(200);
        List<Map<String, Object>> records = jdbc.queryForList(
                "select direction, partner_id, service, outcome, http_status, request_hash, response_hash from message_log where request_id = ? order by seq",
                "msglog-req-1");
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).containsEntry("DIRECTION", "OUTBOUND").containsEntry("PARTNER_ID", "population-registry")
                .containsEntry("OUTCOME", "OK").containsEntry("HTTP_STATUS", 200);
        assertThat(records.get(1)).containsEntry("DIRECTION", "INBOUND").containsEntry("PARTNER_ID", "igate-demo")
                .containsEntry("SERVICE", "citizen.lookup").containsEntry("OUTCOME", "OK").containsEntry("HTTP_STATUS", 200);
        // the response hash binds the record to exactly what the partner received
        assertThat(records.get(1).get("RESPONSE_HASH")).isEqualTo(vn.lienthong.gateway.crypto.Hashes.sha256Hex(
                response.body().getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> refused = api("/api/v1/citizens/12345", "X-Request-Id", "msglog-req-2");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select outcome from message_log where request_id = 'msglog-req-2'", String.class))
                .isEqualTo("CITIZEN_ID_INVALID");
    }

    @Test
    void nameOrBirthDateMismatchIsReportedNotRefused() throws Exception {
        JsonNode wrongName = JSON.readTree(api("/api/v1/citizens/001203012345?fullName=" + enc("Nguyễn Văn Anh") + "&birthDate=2003-05-14").body());
        assertThat(wrongName.path("match").asBoolean()).isFalse();
        assertThat(wrongName.path("matchDetails").path("fullName").asBoolean()).isFalse();
        assertThat(wrongName.path("matchDetails").path("birthDate").asBoolean()).isTrue();

        JsonNode wrongDate = JSON.readTree(api("/api/v1/citizens/001203012345?birthDate=2003-05-15").body());
        assertThat(wrongDate.path("match").isBoolean()).isTrue();
        assertThat(wrongDate.path("match").asBoolean()).isFalse();

        JsonNode nothingGiven = JSON.readTree(api("/api/v1/citizens/001203012345").body());
        assertThat(nothingGiven.path("match").isNull()).isTrue();
    }

    @Test
    void unknownCitizenIs404AndLogged() throws Exception {
        HttpResponse<String> response = api("/api/v1/citizens/001203099999", "X-Request-Id", "req-unknown-1");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("CITIZEN_NOT_FOUND");
        assertThat(jdbc.queryForObject("select outcome from lookup_access_log where request_id = ?", String.class, "req-unknown-1"))
                .isEqualTo("CITIZEN_NOT_FOUND");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "0012030123456", "00120301234a", "abcdefghijkl", "003203012345", "001403012345", "%20%20", "001203012345%27--"})
    void malformedIdentifiersAre400AndNeverReachTheRegistry(String id) throws Exception {
        long before = registryRequests();
        HttpResponse<String> response = api("/api/v1/citizens/" + id);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asText()).isEqualTo("CITIZEN_ID_INVALID");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(registryRequests()).isEqualTo(before);
    }

    @Test
    void malformedBirthDateIs400() throws Exception {
        HttpResponse<String> response = api("/api/v1/citizens/001203012345?birthDate=14/05/2003");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("BIRTH_DATE_INVALID");
    }

    @Test
    void oldNineDigitCardFindsItsHolder() throws Exception {
        JsonNode citizen = JSON.readTree(api("/api/v1/citizens/012345678").body());
        assertThat(citizen.path("id").asText()).isEqualTo("001165004321");
        assertThat(citizen.path("oldIdCardNumber").asText()).isEqualTo("012345678");
        // born before 1980: the registry writes the whole name, upper case, in Ten
        assertThat(citizen.path("fullName").asText()).isEqualTo("TRẦN THỊ BÍCH");
        assertThat(citizen.path("familyName").isNull()).isTrue();
        assertThat(citizen.path("gender").asText()).isEqualTo("FEMALE");
    }

    @Test
    void theOfficerNamedInTheRequestGoesToTheRegistryAsMaCanBo() throws Exception {
        HttpResponse<String> response = api("/api/v1/citizens/001203012345?onBehalfOf=canbo.motcua.07&fullName=" + enc("Nguyễn Văn An")
                + "&birthDate=2003-05-14", "X-Request-Id", "officer-req-1");
        assertThat(response.statusCode()).isEqualTo(200);
        PopulationRegistrySimulator.Received sent = simulator.received("officer-req-1").orElseThrow();
        assertThat(sent.officer()).isEqualTo("canbo.motcua.07");
        // the request in the shape public clients send: their namespace, the name and the birth date with the ID
        assertThat(sent.namespace()).isEqualTo("http://dancuquocgia.bca");
        assertThat(sent.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(sent.birthDate()).isEqualTo("20030514");
        assertThat(sent.integrationCode()).isEqualTo("SANDBOX");
        assertThat(jdbc.queryForObject("select on_behalf_of from lookup_access_log where request_id = ?", String.class, "officer-req-1"))
                .isEqualTo("canbo.motcua.07");

        // no officer named: the partner asks in its own name
        assertThat(api("/api/v1/citizens/001203012345", "X-Request-Id", "officer-req-2").statusCode()).isEqualTo(200);
        assertThat(simulator.received("officer-req-2").orElseThrow().officer()).isEqualTo("igate-demo");
    }

    @Test
    void anOfficerNameThatIsNotAnIdOrUserNameIs400AndNeverReachesTheRegistry() throws Exception {
        long before = registryRequests();
        HttpResponse<String> response = api("/api/v1/citizens/001203012345?onBehalfOf=" + enc("<x>IGATE</x>"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("REQUEST_INVALID");
        assertThat(registryRequests()).isEqualTo(before);
    }

    @Test
    void theWholeNameInTenMatchesWhateverCaseAndTheNameTypedWithoutDiacriticsToo() throws Exception {
        JsonNode hung = JSON.readTree(api("/api/v1/citizens/036048000777?fullName=" + enc("Lê Văn Hùng") + "&birthDate=1948-11-20").body());
        assertThat(hung.path("fullName").asText()).isEqualTo("LÊ VĂN HÙNG");
        assertThat(hung.path("match").asBoolean()).isTrue();
        // one diacritic apart is another name
        JsonNode hung2 = JSON.readTree(api("/api/v1/citizens/036048000777?fullName=" + enc("Lê Văn Hưng")).body());
        assertThat(hung2.path("match").isBoolean()).isTrue();
        assertThat(hung2.path("match").asBoolean()).isFalse();
        // typed without any diacritics: compared without them, and the answer says so
        JsonNode ascii = JSON.readTree(api("/api/v1/citizens/001203012345?fullName=" + enc("NGUYEN VAN AN")).body());
        assertThat(ascii.path("match").asBoolean()).isTrue();
        assertThat(ascii.path("matchNotes").path("fullName").asText()).contains("without diacritics");
    }

    @Test
    void aYearOnlyBirthDateComparesOnTheYearAndSaysSo() throws Exception {
        Person old = population.people().stream().filter(p -> p.birthDate().getYear() < 1945).findFirst().orElseThrow();
        String year = Integer.toString(old.birthDate().getYear());
        JsonNode same = JSON.readTree(api("/api/v1/citizens/" + old.personalId() + "?birthDate=" + year + "-12-31").body());
        assertThat(same.path("birthDate").isNull()).isTrue();
        assertThat(same.path("birthYear").asInt()).isEqualTo(old.birthDate().getYear());
        assertThat(same.path("match").asBoolean()).isTrue();
        assertThat(same.path("matchNotes").path("birthDate").asText()).contains("year only");
        JsonNode other = JSON.readTree(api("/api/v1/citizens/" + old.personalId() + "?birthDate=" + (old.birthDate().getYear() + 1) + "-01-01").body());
        assertThat(other.path("match").isBoolean()).isTrue();
        assertThat(other.path("match").asBoolean()).isFalse();
    }

    @Test
    void deceasedCitizenIsFlagged() throws Exception {
        JsonNode citizen = JSON.readTree(api("/api/v1/citizens/036048000777").body());
        assertThat(citizen.path("deceased").asBoolean()).isTrue();
        assertThat(citizen.path("dateOfDeath").asText()).isEqualTo("2021-03-15");
    }

    @Test
    void twoPeopleWithTheSameNameAndBirthDateAreTwoCitizens() throws Exception {
        String query = "?fullName=" + enc("Phạm Thị Lan") + "&birthDate=1990-01-01";
        JsonNode first = JSON.readTree(api("/api/v1/citizens/031190001111" + query).body());
        JsonNode second = JSON.readTree(api("/api/v1/citizens/079190002222" + query).body());
        assertThat(first.path("match").asBoolean()).isTrue();
        assertThat(second.path("match").asBoolean()).isTrue();
        assertThat(first.path("permanentResidence").path("provinceCode").asText())
                .isNotEqualTo(second.path("permanentResidence").path("provinceCode").asText());
    }

    @Test
    void registryDownAnswers503WithinTheTimeout() throws Exception {
        put("/sandbox/faults/population?mode=DOWN");
        for (int i = 0; i < 6; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = api("/api/v1/citizens/001203012345", "X-Request-Id", "req-down-" + i);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(millis).isLessThan(REGISTRY_TIMEOUT_MS);
        }
        assertThat(jdbc.queryForObject("select outcome from lookup_access_log where request_id = ?", String.class, "req-down-5"))
                .isEqualTo("UPSTREAM_UNAVAILABLE");
    }

    @Test
    void slowRegistryAnswers503AtTheTimeoutAndTheOpenBreakerAnswersAtOnce() throws Exception {
        put("/sandbox/faults/population?mode=SLOW&delayMillis=5000");
        for (int i = 0; i < 4; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = api("/api/v1/citizens/001203012345");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UPSTREAM_UNAVAILABLE");
            assertThat(millis).isLessThan(REGISTRY_TIMEOUT_MS + 1000);
        }
        // four timeouts out of four calls: the breaker is open and refuses without waiting
        long registryCallsBefore = registryRequests();
        long started = System.nanoTime();
        HttpResponse<String> fast = api("/api/v1/citizens/001203012345");
        assertThat(fast.statusCode()).isEqualTo(503);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(500);
        assertThat(registryRequests()).isEqualTo(registryCallsBefore);
    }

    @Test
    void aHostileRegistryAnswerIs502AndItsEntitiesAreNeverResolved() throws Exception {
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0)) {
            listener.setSoTimeout(300);
            put("/sandbox/faults/population?mode=HOSTILE&hostileUrl=http://127.0.0.1:" + listener.getLocalPort() + "/oob");
            HttpResponse<String> response = api("/api/v1/citizens/001203012345", "X-Request-Id", "req-hostile-1");
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("UPSTREAM_ERROR");
            assertThat(response.body()).doesNotContain("root:");
            org.assertj.core.api.Assertions.assertThatThrownBy(listener::accept).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    /** The mapping reads the answer straight from the parser: an answer cut off mid-document is the registry's fault (502), recorded as such. */
    @Test
    void aTruncatedRegistryAnswerIs502AndRecordedAsTheRegistrysError() throws Exception {
        put("/sandbox/faults/population?mode=TRUNCATED");
        HttpResponse<String> response = api("/api/v1/citizens/001203012345?fullName=" + enc("Nguyễn Văn An"), "X-Request-Id", "req-truncated-1");
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asText()).isEqualTo("UPSTREAM_ERROR");
        assertThat(error.path("message").asText()).contains("not acceptable XML");
        assertThat(jdbc.queryForList("select direction, outcome from message_log where request_id = 'req-truncated-1' order by seq"))
                .extracting(row -> row.get("DIRECTION") + " " + row.get("OUTCOME"))
                .containsExactly("OUTBOUND OK", "INBOUND UPSTREAM_ERROR");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
