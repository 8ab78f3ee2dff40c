package vn.lienthong.gateway.operations;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The operators' own view: connectors, outcomes counted as failures, dead letters repaired by business id. */
class OperationsViewIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CERTIFICATE = "/api/v1/land-parcels/by-certificate/CS%20000001";

    @Autowired
    ProducerTemplate producer;
    @Autowired
    ConsumerTemplate consumer;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConnectorView view;

    @AfterEach
    void restore() throws Exception {
        put("/sandbox/faults/land?mode=NONE");
    }

    @Test
    void aConnectorTakenDownShowsDownWithItsNameLastErrorAndOpenCircuit() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(connector("land-registry-action").path("status").asText()));
        // other tests of the shared gateway called this connector too: what the outage adds is compared with before
        JsonNode before = connector("land-registry-action").path("calls");

        put("/sandbox/faults/land?mode=DOWN");
        // more calls than the breaker's sliding window (20): the calls other tests of the shared context made through this
        // connector leave the window, so the failure rate is that of the outage alone
        for (int i = 0; i < 21; i++) {
            assertThat(api(CERTIFICATE).statusCode()).isEqualTo(503);
        }

        // within the probe interval (500 ms in tests)
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode land = connector("land-registry-action");
            assertThat(land.path("status").asText()).isEqualTo("DOWN");
            assertThat(land.path("title").asText()).contains("Land database");
            assertThat(land.path("circuit").asText()).isEqualTo("OPEN");
            assertThat(land.path("lastError").asText()).isNotBlank();
            assertThat(land.path("lastErrorAt").isNull()).isFalse();
            assertThat(land.path("calls").path("failuresLast5m").asInt()).isGreaterThanOrEqualTo(before.path("failuresLast5m").asInt() + 4);
            // (every call of the outage failed: the rate over five minutes rose, or already was 1 after an earlier outage)
            assertThat(land.path("calls").path("errorRateLast5m").asDouble()).isPositive()
                    .isGreaterThanOrEqualTo(before.path("errorRateLast5m").asDouble());
            // and the alerts' gauge
            assertThat(counter("gateway_connector_circuit_open", "connector=\"land-registry-action\"")).isEqualTo(1.0);
        });
        // the others are not dragged down with it
        assertThat(connector("business-registry-action").path("status").asText()).isEqualTo("UP");
        // and the same in JMX, for Hawtio: this gateway's bean (an IT that starts a gateway of its own, left cached in the
        // same JVM, may hold the plain name; this one then has an instance= variant)
        Object status = java.lang.management.ManagementFactory.getPlatformMBeanServer().getAttribute(
                view.objectName("land-registry-action"), "CircuitBreaker");
        assertThat(status).isEqualTo("OPEN");
        assertThat(counter("gateway_connector_calls_total", "connector=\"land-registry-action\"", "outcome=\"unavailable\""))
                .isGreaterThanOrEqualTo(4);
    }

    @Test
    void aRouteAnswering503CountsAFailureInItsOutcomeMetric() throws Exception {
        double before = counter("gateway_route_outcomes_total", "route=\"land-parcel-by-certificate\"", "outcome=\"unavailable\"");
        put("/sandbox/faults/land?mode=DOWN");
        assertThat(api(CERTIFICATE).statusCode()).isEqualTo(503);
        assertThat(api(CERTIFICATE).statusCode()).isEqualTo(503);

        assertThat(counter("gateway_route_outcomes_total", "route=\"land-parcel-by-certificate\"", "outcome=\"unavailable\""))
                .isEqualTo(before + 2);
        JsonNode outcomes = overview("viewer", VIEWER_PASSWORD).path("routeOutcomes").path("land-parcel-by-certificate");
        assertThat(outcomes.path("unavailable").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refusedInputCountsAsRefusedNotAsOk() throws Exception {
        String route = "route=\"land-parcel-by-certificate\"";
        // an outage in an earlier test may have left this route's breaker open for a moment (503): wait until it answers
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> api(CERTIFICATE).statusCode() == 200);
        double refused = counter("gateway_route_outcomes_total", route, "outcome=\"refused\"");
        double ok = counter("gateway_route_outcomes_total", route, "outcome=\"ok\"");

        assertThat(api("/api/v1/land-parcels/by-certificate/not-a-certificate").statusCode()).isEqualTo(400);
        assertThat(api("/api/v1/land-parcels/by-certificate/CS%20999999").statusCode()).isEqualTo(404);

        assertThat(counter("gateway_route_outcomes_total", route, "outcome=\"refused\"")).isEqualTo(refused + 2);
        assertThat(counter("gateway_route_outcomes_total", route, "outcome=\"ok\"")).isEqualTo(ok);
    }

    @Test
    void aDeadLetterIsRetriedByItsDossierCodeWithTheUserInTheMessageLog() throws Exception {
        String dossier = "OPS-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = "evt-" + UUID.randomUUID();
        String target = "ops.test.retried";
        deadLetter(eventId, dossier, target);

        // the viewer finds it by dossier code, with its reason and where a retry sends it
        JsonNode letters = deadLettersOf(dossier, "viewer", VIEWER_PASSWORD);
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("queue").asText()).isEqualTo("DLQ.dossier.events");
        assertThat(letter.path("businessId").asText()).isEqualTo(eventId);
        assertThat(letter.path("dossierCode").asText()).isEqualTo(dossier);
        assertThat(letter.path("reason").asText()).contains("portal refused");
        assertThat(letter.path("originalAddress").asText()).isEqualTo(target);
        long messageId = letter.path("messageId").asLong();
        String action = "/admin/dead-letters/DLQ.dossier.events/" + messageId + "/retry?confirm=" + eventId;

        // the viewer sees, and cannot act
        assertThat(postWithToken(action, "viewer", VIEWER_PASSWORD).statusCode()).isEqualTo(403);
        // the admin's confirmation must name what is repaired
        HttpResponse<String> unconfirmed = postWithToken("/admin/dead-letters/DLQ.dossier.events/" + messageId + "/retry?confirm=" + dossier + "-x",
                "admin", ADMIN_PASSWORD);
        assertThat(unconfirmed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unconfirmed.body()).path("code").asText()).isEqualTo("REQUEST_INVALID");
        assertThat(deadLettersOf(dossier, "admin", ADMIN_PASSWORD)).hasSize(1);

        // a consumer waits on the original queue (the broker keeps it while it has one)
        CompletableFuture<Exchange> arrived = CompletableFuture.supplyAsync(() -> consumer.receive("jms:queue:" + target, 15_000));
        await().atMost(Duration.ofSeconds(10)).until(() -> overview("admin", ADMIN_PASSWORD).path("broker").path("queues").findValuesAsText("name")
                .contains(target));
        HttpResponse<String> retried = postWithToken(action, "admin", ADMIN_PASSWORD);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);

        Exchange back = arrived.get();
        assertThat(back).isNotNull();
        assertThat(back.getMessage().getHeader("DossierEventId", String.class)).isEqualTo(eventId);
        assertThat(deadLettersOf(dossier, "admin", ADMIN_PASSWORD)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(trail(eventId))
                .containsExactly(Map.of("PARTNER_ID", "admin", "SERVICE", "console.dead-letter.retry")));
        // a second retry finds nothing
        assertThat(postWithToken(action, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(404);
    }

    @Test
    void aDeadLetterIsDeletedByItsDossierCodeWithTheUserInTheMessageLog() throws Exception {
        String dossier = "OPS-" + UUID.randomUUID().toString().substring(0, 8);
        String eventId = "evt-" + UUID.randomUUID();
        deadLetter(eventId, dossier, "dossier.events");
        long messageId = deadLettersOf(dossier, "viewer", VIEWER_PASSWORD).get(0).path("messageId").asLong();
        String action = "/admin/dead-letters/DLQ.dossier.events/" + messageId + "/delete?confirm=" + eventId;

        assertThat(postWithToken(action, "viewer", VIEWER_PASSWORD).statusCode()).isEqualTo(403);
        assertThat(deadLettersOf(dossier, "viewer", VIEWER_PASSWORD)).hasSize(1);

        assertThat(postWithToken(action, "admin", ADMIN_PASSWORD).statusCode()).isEqualTo(200);
        assertThat(deadLettersOf(dossier, "viewer", VIEWER_PASSWORD)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(trail(eventId))
                .containsExactly(Map.of("PARTNER_ID", "admin", "SERVICE", "console.dead-letter.delete")));
    }

    @Test
    void theOverviewShowsBacklogsDeadLettersByQueueAndTheChain() throws Exception {
        JsonNode overview = overview("viewer", VIEWER_PASSWORD);
        assertThat(overview.path("user").asText()).isEqualTo("viewer");
        assertThat(overview.path("connectors").findValuesAsText("name")).contains("land-registry-action", "national-portal-action",
                "population-registry-action", "vnpost-digitization-source");
        assertThat(overview.path("backlogs").path("dossierEvents").has("pending")).isTrue();
        assertThat(overview.path("backlogs").path("intakeBatches").has("inProgress")).isTrue();
        assertThat(overview.path("broker").path("available").asBoolean()).isTrue();
        assertThat(overview.path("messageLog").has("lastSealNo")).isTrue();
        // the same in JMX, for Hawtio
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        javax.management.ObjectName backlogs = new javax.management.ObjectName(BacklogStatus.OBJECT_NAME);
        assertThat((Long) jmx.getAttribute(backlogs, "DossierEventsFailed")).isGreaterThanOrEqualTo(0L);
        assertThat((Long) jmx.getAttribute(backlogs, "IntakeBatchesInProgress")).isGreaterThanOrEqualTo(0L);
        assertThat((Long) jmx.getAttribute(backlogs, "DeadLetters")).isGreaterThanOrEqualTo(0L);
        // without a login: nothing
        assertThat(get("/console-api/overview").statusCode()).isEqualTo(401);
        assertThat(get("/operations.html").statusCode()).isEqualTo(401);
        // the page itself, for the viewer: it reads the overview and offers the repair
        HttpResponse<String> page = get("/operations.html", "Authorization", basic("viewer", VIEWER_PASSWORD));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("operations.js", "Dead letters", "National connections");
        assertThat(get("/operations.js", "Authorization", basic("viewer", VIEWER_PASSWORD)).body())
                .contains("console-api/overview", "admin/dead-letters/", "X-XSRF-TOKEN");
    }

    @Test
    void everySeriesTheAlertsAndTheDashboardReadIsExported() throws Exception {
        // traffic that makes every series exist: a connector call, a refused request, a dead-letter queue the view has seen
        api(CERTIFICATE);
        api("/api/v1/land-parcels/by-certificate/not-a-certificate");
        deadLetter("evt-" + UUID.randomUUID(), "OPS-SERIES", "dossier.events.none");
        deadLettersOf("OPS-SERIES", "viewer", VIEWER_PASSWORD);

        String scrape = get("/actuator/prometheus", "Authorization", basic("viewer", VIEWER_PASSWORD)).body();
        for (String series : MonitoringFilesTest.series()) {
            assertThat(scrape).as(series + " is exported").containsPattern("(?m)^" + series + "\\{");
        }
        // the connectors' Kamelet routes are measured like every other route (Camel hides them unless told otherwise)
        assertThat(scrape).containsPattern("(?m)^camel_exchanges_total\\{.*routeId=\"land-registry-action-");
    }

    private void deadLetter(String eventId, String dossier, String originalAddress) {
        producer.sendBodyAndHeaders("jms:queue:DLQ.dossier.events", "<event/>", Map.of(
                "DossierEventId", eventId, "DossierCode", dossier,
                "DeadLetterReason", "UpstreamErrorException: the portal refused the event",
                "_AMQ_ORIG_ADDRESS", originalAddress, "_AMQ_ORIG_QUEUE", originalAddress));
    }

    private List<Map<String, Object>> trail(String requestId) {
        return jdbc.queryForList("select partner_id, service from message_log where request_id = ?", requestId);
    }

    private static JsonNode connector(String name) throws Exception {
        for (JsonNode row : overview("viewer", VIEWER_PASSWORD).path("connectors")) {
            if (row.path("name").asText().equals(name)) {
                return row;
            }
        }
        throw new AssertionError("no connector " + name + " in the overview");
    }

    private static JsonNode overview(String user, String password) throws Exception {
        HttpResponse<String> response = get("/console-api/overview", "Authorization", basic(user, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode deadLettersOf(String businessId, String user, String password) throws Exception {
        HttpResponse<String> response = get("/console-api/dead-letters?id=" + URLEncoder.encode(businessId, StandardCharsets.UTF_8),
                "Authorization", basic(user, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A console POST as the page sends it: with the CSRF token from the console's cookie. */
    private static HttpResponse<String> postWithToken(String path, String user, String password) throws Exception {
        String authorization = basic(user, password);
        HttpResponse<String> first = get("/console-api/overview", "Authorization", authorization);
        String token = first.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';'))).findFirst().orElseThrow();
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", authorization)
                .header("X-XSRF-TOKEN", token)
                .header("Cookie", "XSRF-TOKEN=" + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A counter's value as Prometheus scrapes it (0 when it has not counted yet). */
    private static double counter(String name, String... labels) throws Exception {
        String body = get("/actuator/prometheus", "Authorization", basic("viewer", VIEWER_PASSWORD)).body();
        return body.lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> java.util.Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
