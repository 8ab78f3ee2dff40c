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
}
