package vn.lienthong.gateway.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.ConsoleClient.JSON;

/**
 * Issue #22: the console's roles as Hawtio really uses them (bulk Jolokia POSTs with a session and its CSRF token):
 * viewer sees the tree, the diagrams, the exchanges and the dead letters, and changes nothing; admin acts; every action,
 * done or refused, is on record with the user's name; the console shows who is signed in and logs out.
 */
class ConsoleRolesIT extends GatewayTestSupport {

    private static final String ROUTE = "citizen-lookup";
    private static final String ROUTE_MBEAN = "org.apache.camel:context=lienthong-gateway,type=routes,name=\"" + ROUTE + "\"";
    private static final String CONTEXT_MBEAN = "org.apache.camel:context=lienthong-gateway,type=context,name=\"lienthong-gateway\"";
    private static final String INFLIGHT_MBEAN = "org.apache.camel:context=lienthong-gateway,type=services,name=DefaultInflightRepository";
    private static final String DLQ = "DLQ.roles-test";
    private static final String DLQ_MBEAN = "org.apache.activemq.artemis:broker=\"lienthong-broker\",component=addresses,address=\"" + DLQ
            + "\",subcomponent=queues,routing-type=\"anycast\",queue=\"" + DLQ + "\"";

    @Autowired
    CamelContext camel;

    @Autowired
    JmsTemplate jms;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void routeRunsAgain() throws Exception {
        if (camel.getRouteController().getRouteStatus(ROUTE) != ServiceStatus.Started) {
            camel.getRouteController().startRoute(ROUTE);
        }
    }

    /** Hawtio's start: version, the whole tree through Jolokia's list, the ACL bean, then its canInvoke questions in one bulk. */
    @Test
    void viewerListsTheTreeAsHawtioDoes() throws Exception {
        ConsoleClient viewer = new ConsoleClient(PORT).login("viewer", VIEWER_PASSWORD);
        JsonNode start = viewer.jolokia("[{\"type\":\"version\"},{\"type\":\"list\",\"config\":{\"maxDepth\":9,\"listCache\":true}},"
                + "{\"type\":\"search\",\"mbean\":\"*:type=security,area=jmx,*\"}]");
        assertAllOk(start);
        String tree = start.get(1).path("value").toString();
        assertThat(tree).contains("org.apache.camel", "citizen-lookup", "org.apache.activemq.artemis").doesNotContain("jdk.management.jfr",
                "DiagnosticCommand");
        assertThat(start.get(2).path("value").toString()).contains(ConsoleInvokeSecurity.NAME);

        String canInvoke = "[{\"type\":\"exec\",\"mbean\":" + q(ConsoleInvokeSecurity.NAME) + ",\"operation\":\"canInvoke(java.lang.String)\","
                + "\"arguments\":[" + q(ROUTE_MBEAN) + "]},{\"type\":\"exec\",\"mbean\":" + q(ConsoleInvokeSecurity.NAME)
                + ",\"operation\":\"canInvoke(java.util.Map)\",\"arguments\":[{" + q(ROUTE_MBEAN) + ":[\"stop()\",\"dumpRouteAsXml()\"],"
                + q(DLQ_MBEAN) + ":[\"retryMessages()\",\"browse()\"]}]}]";
        JsonNode answers = viewer.jolokia(canInvoke);
        assertAllOk(answers);
        assertThat(answers.get(0).path("value").asBoolean()).isTrue();
        JsonNode ops = answers.get(1).path("value");
        assertThat(ops.path(ROUTE_MBEAN).path("dumpRouteAsXml()").path("CanInvoke").asBoolean()).isTrue();
        assertThat(ops.path(ROUTE_MBEAN).path("stop()").path("CanInvoke").asBoolean()).isFalse();
        assertThat(ops.path(DLQ_MBEAN).path("browse()").path("CanInvoke").asBoolean()).isTrue();
        assertThat(ops.path(DLQ_MBEAN).path("retryMessages()").path("CanInvoke").asBoolean()).isFalse();
        JsonNode admin = new ConsoleClient(PORT).login("admin", ADMIN_PASSWORD).jolokia(canInvoke);
        assertThat(admin.get(1).path("value").path(ROUTE_MBEAN).path("stop()").path("CanInvoke").asBoolean()).isTrue();
    }

    /** The Camel pages: route diagram and source, their statistics, the exchanges in flight, the REST services. */
    @Test
    void viewerReadsTheRouteDiagramStatisticsAndExchanges() throws Exception {
        ConsoleClient viewer = new ConsoleClient(PORT).login("viewer", VIEWER_PASSWORD);
        JsonNode pages = viewer.jolokia("[" + exec(CONTEXT_MBEAN, "dumpRoutesAsXml()") + ","
                + exec(CONTEXT_MBEAN, "dumpRoutesStatsAsXml(boolean,boolean)", true, true) + ","
                + exec(ROUTE_MBEAN, "dumpRouteStatsAsXml(boolean,boolean)", true, true) + ","
                + exec(ROUTE_MBEAN, "dumpRouteAsXml()") + "," + exec(CONTEXT_MBEAN, "componentNames()") + ","
                + exec(INFLIGHT_MBEAN, "browse()") + ",{\"type\":\"read\",\"mbean\":" + q(ROUTE_MBEAN) + "}]");
        assertAllOk(pages);
        assertThat(pages.get(0).path("value").asText()).contains("id=\"" + ROUTE + "\"");
        assertThat(pages.get(2).path("value").asText()).contains("exchangesCompleted");
        assertThat(pages.get(6).path("value").path("State").asText()).isEqualTo("Started");
    }

    /** A dead letter seen by viewer (count, browse, list with its properties); retry, remove and stop refused to viewer, done for admin. */
    @Test
    void viewerBrowsesADeadLetterButOnlyAdminRetriesRemovesAndStops() throws Exception {
        jms.convertAndSend(DLQ, "dossier HS-ROLES-1 could not be delivered");
        ListAppender<ILoggingEvent> brokerAudit = capture("org.apache.activemq.audit.resource");
        ListAppender<ILoggingEvent> consoleLog = capture(ConsoleAudit.class.getName());
        try {
            ConsoleClient viewer = new ConsoleClient(PORT).login("viewer", VIEWER_PASSWORD);
            JsonNode seen = viewer.jolokia("[" + exec(DLQ_MBEAN, "countMessages()") + "," + exec(DLQ_MBEAN, "browse()") + ","
                    + exec(DLQ_MBEAN, "listMessagesAsJSON(java.lang.String)", "") + "]");
            assertAllOk(seen);
            assertThat(seen.get(0).path("value").asLong()).isEqualTo(1);
            assertThat(seen.get(1).toString()).contains("HS-ROLES-1");

            String acts = "[" + exec(DLQ_MBEAN, "retryMessages()") + "," + exec(DLQ_MBEAN, "removeMessages(java.lang.String)", "") + ","
                    + exec(ROUTE_MBEAN, "stop()") + "]";
            JsonNode refused = viewer.jolokia(acts);
            for (JsonNode each : refused) {
                assertThat(each.path("status").asInt()).as(each.toString()).isEqualTo(403);
            }
            assertThat(viewer.jolokia(exec(DLQ_MBEAN, "countMessages()")).path("value").asLong()).isEqualTo(1);
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

            ConsoleClient admin = new ConsoleClient(PORT).login("admin", ADMIN_PASSWORD);
            JsonNode done = admin.jolokia("[" + exec(DLQ_MBEAN, "removeMessages(java.lang.String)", "") + "," + exec(ROUTE_MBEAN, "stop()") + "]");
            assertAllOk(done);
            assertThat(done.get(0).path("value").asInt()).isEqualTo(1);
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
            assertAllOk(admin.jolokia(exec(ROUTE_MBEAN, "start()")));
            assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

            // the trail: each action, done or refused, under the user's name, in the message log and the log
            List<Map<String, Object>> trail = jdbc.queryForList("select partner_id, service, outcome, http_status from message_log"
                    + " where partner_id like 'console:%' and service like '%roles-test%' or service like 'console.%route " + ROUTE + "' order by seq");
            assertThat(trail).extracting(r -> r.get("PARTNER_ID") + " " + r.get("SERVICE") + " " + r.get("OUTCOME"))
                    .contains("console:viewer console.retryMessages queue " + DLQ + " CONSOLE_ACTION_FORBIDDEN",
                            "console:viewer console.removeMessages queue " + DLQ + " CONSOLE_ACTION_FORBIDDEN",
                            "console:viewer console.stop route " + ROUTE + " CONSOLE_ACTION_FORBIDDEN",
                            "console:admin console.removeMessages queue " + DLQ + " OK",
                            "console:admin console.stop route " + ROUTE + " OK",
                            "console:admin console.start route " + ROUTE + " OK")
                    .noneMatch(r -> r.contains("countMessages") || r.contains("browse"));
            assertThat(consoleLog.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("admin", "stop", "route " + ROUTE, "OK"))
                    .anySatisfy(m -> assertThat(m).contains("viewer", "retryMessages", DLQ, "CONSOLE_ACTION_FORBIDDEN"));
            // the broker's own audit names the user, not anonymous@unknown
            assertThat(brokerAudit.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anySatisfy(m -> assertThat(m).contains("admin").contains(DLQ))
                    .noneMatch(m -> m.contains("anonymous@unknown"));
        } finally {
            release(brokerAudit, "org.apache.activemq.audit.resource");
            release(consoleLog, ConsoleAudit.class.getName());
        }
    }

    /** Audit at a sane volume: an open queue page polling its attributes, and messages flowing, write no audit line. */
    @Test
    void pollingAQueueAndMovingMessagesWriteNoAuditLine() throws Exception {
        String polled = "roles-test.polled";
        jms.convertAndSend(polled, "waits while its queue page is open");
        String queue = DLQ_MBEAN.replace(DLQ, polled);
        ListAppender<ILoggingEvent> audit = capture("org.apache.activemq.audit");
        try {
            ConsoleClient viewer = new ConsoleClient(PORT).login("viewer", VIEWER_PASSWORD);
            jms.setReceiveTimeout(5_000);
            for (int i = 0; i < 20; i++) {
                assertAllOk(viewer.jolokia("[{\"type\":\"read\",\"mbean\":" + q(queue) + "}," + exec(queue, "countMessages()") + "]"));
                jms.convertAndSend("roles-test.flow", "m" + i);
                assertThat(jms.receiveAndConvert("roles-test.flow")).isEqualTo("m" + i);
            }
            assertThat(audit.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
        } finally {
            release(audit, "org.apache.activemq.audit");
        }
    }

    /** System properties and the JVM's command line may carry secrets: read by nobody, alone or within the whole bean. */
    @Test
    void secretAttributesAreReadByNobody() throws Exception {
        System.setProperty("roles-test.secret", "s3cr3t-in-a-system-property");
        try {
            for (ConsoleClient user : List.of(new ConsoleClient(PORT).login("viewer", VIEWER_PASSWORD), new ConsoleClient(PORT).login("admin", ADMIN_PASSWORD))) {
                JsonNode answers = user.jolokia("[{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"SystemProperties\"},"
                        + "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"InputArguments\"},"
                        + "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\"},"
                        + "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\"}]");
                assertThat(answers.get(0).path("status").asInt()).isEqualTo(403);
                assertThat(answers.get(1).path("status").asInt()).isEqualTo(403);
                // Jolokia refuses the whole bean rather than answer it without them
                assertThat(answers.get(2).path("status").asInt()).as("%s", answers.get(2)).isEqualTo(403);
                assertThat(answers.get(3).path("status").asInt()).isEqualTo(200);
                assertThat(answers.toString()).doesNotContain("s3cr3t-in-a-system-property");
            }
        } finally {
            System.clearProperty("roles-test.secret");
        }
    }

    /** Hawtio's header asks /actuator/hawtio/user for the name it shows; its "Log out" ends the session. */
    @Test
    void theConsoleShowsWhoIsSignedInAndLogsOut() throws Exception {
        ConsoleClient viewer = new ConsoleClient(PORT).login("viewer", VIEWER_PASSWORD);
        HttpResponse<String> user = viewer.get("/actuator/hawtio/user");
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).isEqualTo("\"viewer\"");
        String session = viewer.session();

        HttpResponse<String> logout = viewer.get("/actuator/hawtio/auth/logout", "Accept", "text/html"); // as the browser opens it
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?logout"));
        HttpResponse<String> after = ConsoleClient.send(HttpRequest.newBuilder(URI.create(url("/actuator/hawtio/user")))
                .header("Cookie", "JSESSIONID=" + session).GET());
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(get("/actuator/hawtio/user").statusCode()).isEqualTo(401);
    }

    /** Signing in lands on the console, not on a saved request for an icon (a Whitelabel 404). */
    @Test
    void signingInLandsOnTheConsole() throws Exception {
        HttpResponse<String> icon = ConsoleClient.send(HttpRequest.newBuilder(URI.create(url("/favicon.ico"))).header("Accept", "image/avif,image/*,*/*").GET());
        String session = icon.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .map(c -> c.substring(11, c.indexOf(';'))).findFirst().orElse(null);
        ConsoleClient admin = new ConsoleClient(PORT);
        HttpResponse<String> login = admin.login("admin", ADMIN_PASSWORD, session);
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/actuator/hawtio/");
        assertThat(admin.get(URI.create(location).getPath()).statusCode()).isIn(200, 302);
    }

    // ------------------------------------------------------------------------------------------------

    private static void assertAllOk(JsonNode answers) {
        for (JsonNode each : answers.isArray() ? answers : JSON.createArrayNode().add(answers)) {
            assertThat(each.path("status").asInt()).as(each.toString()).isEqualTo(200);
        }
    }

    static String exec(String mbean, String operation, Object... arguments) throws Exception {
        return JSON.writeValueAsString(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of(arguments)));
    }

    private static String q(String s) throws Exception {
        return JSON.writeValueAsString(s);
    }

    private static ListAppender<ILoggingEvent> capture(String logger) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender, String logger) {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).detachAppender(appender);
    }
}
