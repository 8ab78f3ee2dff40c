package vn.lienthong.gateway.security;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Hawtio, Jolokia and the actuator need a login; only the health probe is public. */
class ConsoleSecurityIT extends GatewayTestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/hawtio/jolokia/version", "/actuator/hawtio/", "/actuator/prometheus", "/actuator/info", "/actuator/camelroutes"})
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
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("latencyMs");
        HttpResponse<String> admin = get("/actuator/health", "Authorization", basic("admin", ADMIN_PASSWORD));
        assertThat(admin.body()).contains("population-registry-action", "latencyMs");
    }

    @Test
    void hawtioSeesTheCamelRoutesAndTheArtemisBroker() throws Exception {
        String auth = basic("admin", ADMIN_PASSWORD);
        HttpResponse<String> routes = get("/actuator/hawtio/jolokia/search/org.apache.camel:type=routes,*", "Authorization", auth);
        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body()).contains("citizen-lookup");
        HttpResponse<String> broker = get("/actuator/hawtio/jolokia/search/org.apache.activemq.artemis:broker=*", "Authorization", auth);
        assertThat(broker.statusCode()).isEqualTo(200);
        assertThat(broker.body()).contains("lienthong-broker");
    }

    @Test
    void aViewerMayReadButNotActAnAdminMayAct() throws Exception {
        String viewer = basic("viewer", VIEWER_PASSWORD);
        String admin = basic("admin", ADMIN_PASSWORD);
        HttpResponse<String> read = get("/actuator/hawtio/jolokia/read/java.lang:type=Memory/HeapMemoryUsage", "Authorization", viewer);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"status\":200");

        HttpResponse<String> viewerExec = get("/actuator/hawtio/jolokia/exec/java.lang:type=Memory/gc", "Authorization", viewer);
        assertThat(viewerExec.statusCode()).isEqualTo(403);
        assertThat(viewerExec.body()).contains("CONSOLE_ACTION_FORBIDDEN");

        HttpResponse<String> viewerBulk = postJolokia(viewer,
                "[{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\"},{\"type\":\"EXEC\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}]");
        assertThat(viewerBulk.statusCode()).isEqualTo(403);
        assertThat(viewerBulk.body()).contains("CONSOLE_ACTION_FORBIDDEN");

        HttpResponse<String> viewerPostRead = postJolokia(viewer, "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Uptime\"}");
        assertThat(viewerPostRead.statusCode()).isEqualTo(200);
        assertThat(viewerPostRead.body()).contains("\"status\":200");

        HttpResponse<String> adminExec = get("/actuator/hawtio/jolokia/exec/java.lang:type=Memory/gc", "Authorization", admin);
        assertThat(adminExec.statusCode()).isEqualTo(200);
        assertThat(adminExec.body()).contains("\"status\":200");
    }

    @Test
    void jolokiaRefusesTheJvmsDangerousBeansEvenToAnAdmin() throws Exception {
        String admin = basic("admin", ADMIN_PASSWORD);
        for (String path : new String[]{
                "/actuator/hawtio/jolokia/exec/com.sun.management:type=DiagnosticCommand/vmSystemProperties",
                "/actuator/hawtio/jolokia/exec/com.sun.management:type=HotSpotDiagnostic/dumpHeap/jolokia-test-heap.hprof/true",
                "/actuator/hawtio/jolokia/read/jdk.management.jfr:type=FlightRecorder/Recordings"}) {
            HttpResponse<String> response = get(path, "Authorization", admin);
            assertThat(response.body()).as(path).contains("\"status\":403");
        }
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("jolokia-test-heap.hprof"))).isFalse();
    }

    @Test
    void aConsolePostWithCredentialsButWithoutTheCsrfTokenIsRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/actuator/hawtio/jolokia")))
                        .header("Authorization", basic("admin", ADMIN_PASSWORD))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    /** A Jolokia POST the way the Hawtio console sends it: with the CSRF token from its cookie. */
    private static HttpResponse<String> postJolokia(String authorization, String json) throws Exception {
        HttpResponse<String> first = get("/actuator/hawtio/jolokia/version", "Authorization", authorization);
        String token = first.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).map(c -> c.substring(11, c.indexOf(';'))).findFirst().orElseThrow();
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/actuator/hawtio/jolokia")))
                        .header("Authorization", authorization)
                        .header("Content-Type", "application/json")
                        .header("X-XSRF-TOKEN", token)
                        .header("Cookie", "XSRF-TOKEN=" + token)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
