package vn.lienthong.gateway.security;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hawtio, Jolokia and the actuator need a login; only the health probe is public. Jolokia requests are
 * authorised as Jolokia parses them: viewer reads, admin runs only the operations of {@link ConsoleOperations},
 * whatever the path, encoding or body; no proxy; no cross-site use of a console session.
 */
class ConsoleSecurityIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE = "citizen-lookup";
    private static final String ROUTE_MBEAN = "org.apache.camel:context=lienthong-gateway,type=routes,name=\"" + ROUTE + "\"";
    private static final String CONTEXT_MBEAN = "org.apache.camel:context=lienthong-gateway,type=context,name=\"lienthong-gateway\"";
    private static final String[] JOLOKIA = {"/actuator/jolokia", "/actuator/hawtio/jolokia"};

    @Autowired
    CamelContext camel;

    @Autowired
    JmsTemplate jms;

    @AfterEach
    void routeRunsAgain() throws Exception {
        if (camel.getRouteController().getRouteStatus(ROUTE) != ServiceStatus.Started) {
            camel.getRouteController().startRoute(ROUTE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/hawtio/jolokia/version", "/actuator/jolokia/version", "/actuator/hawtio/", "/actuator/prometheus",
            "/actuator/info", "/actuator/camelroutes"})
    void consoleAndActuatorAnswer401WithoutLoginAnd200WithIt(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(401);
        assertThat(get(path, "Authorization", basic("admin", "wrong-password")).statusCode()).isEqualTo(401);
        assertThat(get(path, "Authorization", basic("admin", ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
        assertThat(get(path, "Authorization", basic("viewer", VIEWER_PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserIsSentToTheLoginForm() throws Exception {
        HttpResponse<String> response = get("/actuator/hawtio/", "Accept", "text/html");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void healthProbeIsPublicButItsDetailsAreNot() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health");
        assertThat(anonymous.statusCode()).as(() -> "health as admin sees it: " + adminHealth()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("latencyMs");
        HttpResponse<String> admin = get("/actuator/health", "Authorization", basic("admin", ADMIN_PASSWORD));
        assertThat(admin.body()).contains("population-registry-action", "latencyMs");
    }

    private static String adminHealth() {
        try {
            return get("/actuator/health", "Authorization", basic("admin", ADMIN_PASSWORD)).body();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Test
    void hawtioSeesTheCamelRoutesAndTheArtemisBroker() throws Exception {
        String auth = basic("viewer", VIEWER_PASSWORD);
        HttpResponse<String> routes = get("/actuator/hawtio/jolokia/search/org.apache.camel:type=routes,*", "Authorization", auth);
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("citizen-lookup");
        HttpResponse<String> broker = get("/actuator/hawtio/jolokia/search/org.apache.activemq.artemis:broker=*", "Authorization", auth);
        assertThat(broker.statusCode()).isEqualTo(200);
        assertThat(broker.body()).contains("lienthong-broker");
    }

    /** Finding 1: the viewer's exec, by every path and spelling Jolokia understands, is refused and the route keeps running. */
    @Test
    void aViewersExecIsRefusedOnEveryPathAndEncoding() throws Exception {
        String viewer = basic("viewer", VIEWER_PASSWORD);
        String route = enc(ROUTE_MBEAN);
        for (String jolokia : JOLOKIA) {
            for (String path : new String[]{
                    jolokia + "/exec/" + route + "/stop",
                    jolokia + "/%65xec/" + route + "/stop",
                    jolokia + "/%65%78%65%63/" + route + "/stop",
                    jolokia + "/?p=/exec/" + route + "/stop",
                    jolokia + "?p=" + URLEncoder.encode("/exec/" + ROUTE_MBEAN + "/stop", StandardCharsets.UTF_8),
                    jolokia + "/exec/java.lang:type=Memory/gc"}) {
                HttpResponse<String> response = get(path, "Authorization", viewer);
                assertRefused(path, response);
            }
            List<String> bodies = List.of(
                    "{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"stop\"}",
                    "{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"stop()\"}",
                    "[{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"},{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"stop\"}]",
                    "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}");
            for (String body : bodies) {
                HttpResponse<String> response = postJolokia(jolokia, viewer, body);
                assertRefused(body, response);
            }
        }
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
        assertThat(java.lang.management.ManagementFactory.getMemoryMXBean().isVerbose()).isFalse();
    }

    @Test
    void aViewerMayReadAndRunTheReadOnlyOperations() throws Exception {
        String viewer = basic("viewer", VIEWER_PASSWORD);
        HttpResponse<String> read = get("/actuator/jolokia/read/java.lang:type=Memory/HeapMemoryUsage", "Authorization", viewer);
        assertThat(read.body()).contains("\"status\":200");
        HttpResponse<String> postRead = postJolokia(JOLOKIA[1], viewer, "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\"}");
        assertThat(postRead.body()).contains("\"status\":200");
        HttpResponse<String> source = postJolokia(JOLOKIA[1], viewer,
                "{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"dumpRouteAsXml()\"}");
        assertThat(source.body()).contains("\"status\":200", ROUTE);
        // Hawtio's UI asks before showing a button: the answer follows the same allow-list
        String canStop = "{\"type\":\"exec\",\"mbean\":" + q(ConsoleInvokeSecurity.NAME) + ",\"operation\":\"canInvoke(java.lang.String,java.lang.String)\","
                + "\"arguments\":[" + q(ROUTE_MBEAN) + ",\"stop()\"]}";
        assertThat(jolokiaValue(postJolokia(JOLOKIA[1], viewer, canStop)).asBoolean()).isFalse();
        assertThat(jolokiaValue(postJolokia(JOLOKIA[1], basic("admin", ADMIN_PASSWORD), canStop)).asBoolean()).isTrue();
        String canSend = "{\"type\":\"exec\",\"mbean\":" + q(ConsoleInvokeSecurity.NAME) + ",\"operation\":\"canInvoke(java.lang.String,java.lang.String)\","
                + "\"arguments\":[" + q(CONTEXT_MBEAN) + ",\"sendStringBody(java.lang.String,java.lang.String)\"]}";
        assertThat(jolokiaValue(postJolokia(JOLOKIA[1], basic("admin", ADMIN_PASSWORD), canSend)).asBoolean()).isFalse();
    }

    /** Finding 1: Camel's managed operations that send, request, evaluate or create are refused even to admin. */
    @Test
    void anAdminCannotSendEvaluateOrCreateThroughCamel() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        Path written = DATA_DIR.resolve("console-owned");
        try (ServerSocket callee = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            callee.setSoTimeout(500);
            String[][] calls = {
                    {"sendStringBody(java.lang.String,java.lang.String)", "file:" + DATA_DIR + "?fileName=console-owned", "owned"},
                    {"requestStringBody(java.lang.String,java.lang.String)", "language:constant:resource:file:/etc/passwd", ""},
                    {"requestStringBody(java.lang.String,java.lang.String)", "language:simple:${env:PATH}", ""},
                    {"requestBody(java.lang.String,java.lang.Object)", "language:simple:${sys:user.home}", ""},
                    {"sendStringBody(java.lang.String,java.lang.String)", "http://127.0.0.1:" + callee.getLocalPort() + "/x", "hello"},
                    {"createEndpoint(java.lang.String)", "file:" + DATA_DIR + "?fileName=console-owned", null},
                    {"addOrUpdateRoutesFromXml(java.lang.String)", "<routes xmlns=\"http://camel.apache.org/schema/spring\"><route id=\"x\"><from uri=\"timer:x\"/><to uri=\"log:x\"/></route></routes>", null},
            };
            for (String jolokia : JOLOKIA) {
                for (String[] call : calls) {
                    String args = call[2] == null ? "[" + q(call[1]) + "]" : "[" + q(call[1]) + "," + q(call[2]) + "]";
                    String body = "{\"type\":\"exec\",\"mbean\":" + q(CONTEXT_MBEAN) + ",\"operation\":" + q(call[0]) + ",\"arguments\":" + args + "}";
                    HttpResponse<String> response = postJolokia(jolokia, admin, body);
                    assertRefused(call[0] + " " + call[1], response);
                    assertThat(response.body()).doesNotContain("root:", System.getProperty("user.home") + "\"");
                }
                for (String body : List.of(
                        "{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}",
                        "{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"remove\"}",
                        "{\"type\":\"exec\",\"mbean\":\"java.util.logging:type=Logging\",\"operation\":\"setLoggerLevel\",\"arguments\":[\"\",\"OFF\"]}",
                        "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}")) {
                    assertRefused(body, postJolokia(jolokia, admin, body));
                }
            }
            assertThat(written).doesNotExist();
            assertThat(camel.getRoute("x")).isNull();
            assertThat(camel.getRoute(ROUTE)).isNotNull();
            assertThat(java.lang.management.ManagementFactory.getMemoryMXBean().isVerbose()).isFalse();
            try {
                callee.accept().close();
                throw new AssertionError("the gateway called out to an http: endpoint named in a console request");
            } catch (SocketTimeoutException expected) {
                // nobody called
            }
        }
    }

    /** What admin may do: stop and start a route, retry, move and remove dead letters; acting needs a POST (and its CSRF token). */
    @Test
    void anAdminMayStopAndStartARouteAndHandleDeadLetters() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        String viewer = basic("viewer", VIEWER_PASSWORD);
        HttpResponse<String> overGet = get("/actuator/jolokia/exec/" + enc(ROUTE_MBEAN) + "/stop", "Authorization", admin);
        assertRefused("admin's stop over GET", overGet);
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

        HttpResponse<String> stop = postJolokia(JOLOKIA[0], admin, "{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"stop()\"}");
        assertThat(stop.body()).contains("\"status\":200");
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Stopped);
        HttpResponse<String> start = postJolokia(JOLOKIA[1], admin, "{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"start()\"}");
        assertThat(start.body()).contains("\"status\":200");
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

        jms.convertAndSend("DLQ.console-test", "a dead letter");
        String queue = "org.apache.activemq.artemis:broker=\"lienthong-broker\",component=addresses,address=\"DLQ.console-test\","
                + "subcomponent=queues,routing-type=\"anycast\",queue=\"DLQ.console-test\"";
        assertThat(jolokiaValue(postJolokia(JOLOKIA[1], viewer, exec(queue, "countMessages()"))).asLong()).isEqualTo(1);
        assertRefused("viewer's removeMessages", postJolokia(JOLOKIA[1], viewer, exec(queue, "removeMessages(java.lang.String)", "")));
        assertThat(jolokiaValue(postJolokia(JOLOKIA[1], viewer, exec(queue, "countMessages()"))).asLong()).isEqualTo(1);

        assertThat(postJolokia(JOLOKIA[1], admin, exec(queue, "retryMessages()")).body()).contains("\"status\":200");
        jms.setReceiveTimeout(5_000);
        jms.convertAndSend("console-test.retried", "already there");
        assertThat(jolokiaValue(postJolokia(JOLOKIA[1], admin, exec(queue, "moveMessages(java.lang.String,java.lang.String)", "", "console-test.retried")))
                .asLong()).isEqualTo(1);
        assertThat(jms.receiveAndConvert("console-test.retried")).isEqualTo("already there");
        assertThat(jms.receiveAndConvert("console-test.retried")).isEqualTo("a dead letter");
        jms.convertAndSend("DLQ.console-test", "another dead letter");
        assertThat(jolokiaValue(postJolokia(JOLOKIA[0], admin, exec(queue, "removeMessages(java.lang.String)", ""))).asLong()).isEqualTo(1);
        assertThat(jolokiaValue(postJolokia(JOLOKIA[0], viewer, exec(queue, "countMessages()"))).asLong()).isZero();
    }

    @Test
    void jolokiaRefusesTheJvmsDangerousBeansEvenToAnAdmin() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        for (String body : new String[]{
                exec("com.sun.management:type=DiagnosticCommand", "vmSystemProperties()"),
                exec("com.sun.management:type=HotSpotDiagnostic", "dumpHeap(java.lang.String,boolean)", "jolokia-test-heap.hprof", "true"),
                "{\"type\":\"read\",\"mbean\":\"jdk.management.jfr:type=FlightRecorder\",\"attribute\":\"Recordings\"}"}) {
            assertRefused(body, postJolokia(JOLOKIA[1], admin, body));
        }
        assertThat(Path.of("jolokia-test-heap.hprof")).doesNotExist();
    }

    /** Finding 2: a request naming another JVM ('target') is refused and no connection is opened. */
    @Test
    void theJsr160ProxyIsOff() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        try (ServerSocket rmi = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            rmi.setSoTimeout(500);
            String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + rmi.getLocalPort() + "/jmxrmi";
            for (String jolokia : JOLOKIA) {
                for (String body : List.of(
                        "{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\",\"target\":{\"url\":" + q(url) + "}}",
                        "{\"type\":\"search\",\"mbean\":\"*:*\",\"target\":{\"url\":" + q(url) + "}}",
                        "[{\"type\":\"version\"},{\"type\":\"list\",\"options\":{\"target\":{\"url\":" + q(url) + "}}}]")) {
                    HttpResponse<String> response = postJolokia(jolokia, admin, body);
                    assertThat(response.body()).as(body).contains("\"status\":403").doesNotContain("HeapMemoryUsage\":{");
                }
            }
            // nor does Hawtio's own HTTP proxy to other agents answer
            for (String proxy : new String[]{"/actuator/hawtio/proxy/127.0.0.1/" + rmi.getLocalPort() + "/jolokia/version",
                    "/actuator/hawtio/proxy/http/127.0.0.1/" + rmi.getLocalPort() + "/jolokia/version"}) {
                assertThat(get(proxy, "Authorization", admin).statusCode()).as(proxy).isNotEqualTo(200);
            }
            try {
                rmi.accept().close();
                throw new AssertionError("Jolokia or Hawtio opened a connection to the target named in a request");
            } catch (SocketTimeoutException expected) {
                // nobody connected
            }
        }
    }

    /** Finding 3: a page on another site cannot drive the console with the admin's session. */
    @Test
    void aCrossSiteRequestWithTheAdminsSessionIsRefused() throws Exception {
        Session admin = login("admin", ADMIN_PASSWORD);
        String stop = "{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"stop()\"}";
        for (String jolokia : JOLOKIA) {
            // the foreign page cannot read the token cookie; it posts as a form or a fetch would
            HttpResponse<String> post = send(HttpRequest.newBuilder(URI.create(url(jolokia)))
                    .header("Cookie", admin.cookies()).header("Origin", "http://evil.example")
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(stop)));
            assertThat(post.statusCode()).as(jolokia).isEqualTo(403);
            HttpResponse<String> postWithToken = send(HttpRequest.newBuilder(URI.create(url(jolokia)))
                    .header("Cookie", admin.cookies()).header("X-XSRF-TOKEN", admin.csrf()).header("Origin", "http://evil.example")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(stop)));
            assertThat(postWithToken.statusCode()).as(jolokia).isEqualTo(403);
            assertThat(postWithToken.body()).contains("CONSOLE_CROSS_SITE_REFUSED");
            HttpResponse<String> postNoOrigin = send(HttpRequest.newBuilder(URI.create(url(jolokia)))
                    .header("Cookie", admin.cookies()).header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(stop)));
            assertThat(postNoOrigin.statusCode()).as(jolokia).isEqualTo(403);
            HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(url(jolokia + "/read/java.lang:type=Runtime/Uptime")))
                    .header("Cookie", admin.cookies()).header("Origin", "http://evil.example").GET());
            assertThat(read.statusCode()).isEqualTo(403);
            HttpResponse<String> fetched = send(HttpRequest.newBuilder(URI.create(url(jolokia + "/read/java.lang:type=Runtime/Uptime")))
                    .header("Cookie", admin.cookies()).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "cors").GET());
            assertThat(fetched.statusCode()).isEqualTo(403);
            HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(url(jolokia)))
                    .header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);

        // the console's own page: same origin, token from the cookie
        HttpResponse<String> own = send(HttpRequest.newBuilder(URI.create(url("/actuator/hawtio/jolokia")))
                .header("Cookie", admin.cookies()).header("X-XSRF-TOKEN", admin.csrf()).header("Origin", "http://localhost:" + PORT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"version\"}")));
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("\"status\":200");
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    /** Finding 3: logging in needs the login form's CSRF token, and the session cookie stays on this site. */
    @Test
    void loginNeedsTheCsrfTokenAndTheSessionCookieIsSameSiteStrict() throws Exception {
        String form = "username=admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8);
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("JSESSIONID="));

        Session session = login("admin", ADMIN_PASSWORD);
        assertThat(session.setCookies()).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Strict").contains("HttpOnly"));
        assertThat(session.setCookies()).filteredOn(c -> c.startsWith("XSRF-TOKEN=")).allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Strict"));
        HttpResponse<String> version = send(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/version"))).header("Cookie", session.cookies()).GET());
        assertThat(version.statusCode()).isEqualTo(200);
    }

    @Test
    void aConsolePostWithCredentialsButWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url("/actuator/hawtio/jolokia")))
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":" + q(ROUTE_MBEAN) + ",\"operation\":\"stop()\"}")));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("CONSOLE_CROSS_SITE_REFUSED");
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
    }

    /** Finding 6: a write to an actuator endpoint is refused with 403 and a JSON error, never a 500 with a stack trace. */
    @Test
    void actuatorWritesAreRefusedWithAJsonError() throws Exception {
        for (String user : new String[]{"admin", "viewer"}) {
            String auth = basic(user, user.equals("admin") ? ADMIN_PASSWORD : VIEWER_PASSWORD);
            for (String path : new String[]{"/actuator/camelroutes/" + ROUTE + "/stop", "/actuator/camelroutes/" + ROUTE + "/reset",
                    "/actuator/loggers/ROOT", "/actuator/info", "/actuator/%63amelroutes/" + ROUTE + "/stop"}) {
                for (String method : new String[]{"POST", "DELETE", "PUT"}) {
                    HttpResponse<String> response = postWithToken(path, method, auth, "{\"configuredLevel\":\"OFF\"}");
                    assertThat(response.statusCode()).as(method + " " + path).isIn(403, 405);
                    assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).contains("json"));
                    assertThat(response.body()).as(path).startsWith("{").doesNotContain("Exception", "\tat ", "at org.");
                }
            }
        }
        assertThat(camel.getRouteController().getRouteStatus(ROUTE)).isEqualTo(ServiceStatus.Started);
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(url("/actuator/camelroutes/" + ROUTE + "/stop")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void jolokiaErrorsCarryNoStackTrace() throws Exception {
        HttpResponse<String> response = postJolokia(JOLOKIA[0] + "?includeStackTrace=true", basic("admin", ADMIN_PASSWORD),
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=NoSuchBean\",\"attribute\":\"X\"}");
        assertThat(response.body()).contains("\"status\":404").doesNotContain("stacktrace", "\\tat ");
    }

    // ------------------------------------------------------------------------------------------------

    private static void assertRefused(String what, HttpResponse<String> response) throws Exception {
        if (response.statusCode() == 403) {
            return;
        }
        assertThat(response.statusCode()).as(what).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        for (JsonNode each : body.isArray() ? body : JSON.createArrayNode().add(body)) {
            if (!"read".equals(each.path("request").path("type").asText()) && !"version".equals(each.path("request").path("type").asText())) {
                assertThat(each.path("status").asInt()).as(what + " -> " + each).isIn(403, 400);
            }
        }
        assertThat(response.body()).as(what).contains("\"status\":4");
    }

    private static String exec(String mbean, String operation, String... arguments) throws Exception {
        return JSON.writeValueAsString(Map.of("type", "exec", "mbean", mbean, "operation", operation, "arguments", List.of(arguments)));
    }

    private static JsonNode jolokiaValue(HttpResponse<String> response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).as(response.body()).isEqualTo(200);
        return body.path("value");
    }

    private static String q(String s) throws Exception {
        return JSON.writeValueAsString(s);
    }

    /** A path segment for Jolokia's GET form: % and " encoded for the URI, / escaped as Jolokia wants (!/). */
    private static String enc(String mbean) {
        return mbean.replace("!", "!!").replace("/", "!/").replace("\"", "%22").replace(" ", "%20");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(java.time.Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Jolokia POST the way the Hawtio console sends it: with the CSRF token from its cookie. */
    private static HttpResponse<String> postJolokia(String path, String authorization, String json) throws Exception {
        return postWithToken(path, "POST", authorization, json);
    }

    private static HttpResponse<String> postWithToken(String path, String method, String authorization, String json) throws Exception {
        HttpResponse<String> first = get("/actuator/jolokia/version", "Authorization", authorization);
        String token = first.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';'))).findFirst().orElseThrow();
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", token)
                .header("Cookie", "XSRF-TOKEN=" + token)
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A browser's form login: the login page sets the token cookie and carries the token in a hidden field. */
    private static Session login(String user, String password) throws Exception {
        HttpResponse<String> page = get("/login");
        String xsrf = cookie(page.headers().allValues("Set-Cookie"), "XSRF-TOKEN");
        Matcher hidden = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(hidden.find()).as(page.body()).isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(hidden.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "XSRF-TOKEN=" + xsrf)
                .header("Origin", "http://localhost:" + PORT)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        List<String> setCookies = new ArrayList<>(login.headers().allValues("Set-Cookie"));
        String session = cookie(setCookies, "JSESSIONID");
        // the session's own token: the first console answer after login sets it
        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(url("/actuator/jolokia/version"))).header("Cookie", "JSESSIONID=" + session).GET());
        setCookies.addAll(after.headers().allValues("Set-Cookie"));
        String token = after.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("XSRF-TOKEN="))
                ? cookie(after.headers().allValues("Set-Cookie"), "XSRF-TOKEN") : xsrf;
        return new Session(session, token, setCookies);
    }

    private static String cookie(List<String> setCookies, String name) {
        return setCookies.stream().filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1, c.indexOf(';')))
                .filter(v -> !v.isEmpty()).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + name + " in " + setCookies));
    }

    private record Session(String id, String csrf, List<String> setCookies) {
        String cookies() {
            return "JSESSIONID=" + id + "; XSRF-TOKEN=" + csrf;
        }
    }
}
