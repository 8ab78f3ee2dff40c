package vn.lienthong.gateway.security;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.lienthong.gateway.security.ConsoleClient.JSON;

/**
 * Issue #22: one stopped route or one national system down degrades the gateway, it does not take it down: the whole
 * answers DEGRADED with HTTP 200 and names the part for operators; liveness and readiness stay UP; the public answer is
 * the aggregate status alone.
 */
class HealthVisibilityIT extends GatewayTestSupport {

    private static final String ROUTE = "citizen-lookup";

    @Autowired
    CamelContext camel;

    @AfterEach
    void restore() throws Exception {
        put("/sandbox/faults/land?mode=NONE");
        if (camel.getRouteController().getRouteStatus(ROUTE) != ServiceStatus.Started) {
            camel.getRouteController().startRoute(ROUTE);
        }
    }

    @Test
    void theAnonymousAnswerIsTheAggregateStatusAlone() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertPublic(anonymous, "UP");
        assertThat(get("/actuator/health", "Authorization", basic("viewer", VIEWER_PASSWORD)).body())
                .contains("components", "land-registry-action", "population-registry-action");
    }

    @Test
    void aConnectorDownDegradesTheGatewayAndIsNamed() throws Exception {
        put("/sandbox/faults/land?mode=DOWN");
        assertPublic(get("/actuator/health"), "DEGRADED");

        JsonNode operator = JSON.readTree(get("/actuator/health", "Authorization", basic("viewer", VIEWER_PASSWORD)).body());
        assertThat(operator.path("status").asText()).isEqualTo("DEGRADED");
        JsonNode connectors = operator.path("components").path("connectors");
        assertThat(connectors.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(connectors.path("components").path("land-registry-action").path("status").asText()).isEqualTo("DOWN");
        assertThat(connectors.path("components").path("population-registry-action").path("status").asText()).isEqualTo("UP");
        assertProbesUp();
    }

    @Test
    void aStoppedRouteDegradesTheGatewayAndIsNamed() throws Exception {
        camel.getRouteController().stopRoute(ROUTE);
        assertPublic(get("/actuator/health"), "DEGRADED");
        String operator = get("/actuator/health", "Authorization", basic("admin", ADMIN_PASSWORD)).body();
        assertThat(JSON.readTree(operator).path("status").asText()).isEqualTo("DEGRADED");
        assertThat(operator).contains(ROUTE);
        assertProbesUp();
    }

    /** 200, the status, the names of the probe groups; no component. */
    private static void assertPublic(HttpResponse<String> anonymous, String status) throws Exception {
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(anonymous.body());
        assertThat(body.path("status").asText()).isEqualTo(status);
        assertThat(body.fieldNames()).toIterable().isSubsetOf("status", "groups");
        assertThat(anonymous.body()).doesNotContain("connectors", "registry", "camel", "components", "route");
    }

    private static void assertProbesUp() throws Exception {
        for (String probe : new String[]{"/actuator/health/liveness", "/actuator/health/readiness"}) {
            HttpResponse<String> response = get(probe);
            assertThat(response.statusCode()).as(probe + " " + get(probe, "Authorization", basic("admin", ADMIN_PASSWORD)).body()).isEqualTo(200);
            assertThat(response.body()).as(probe + " " + get(probe, "Authorization", basic("admin", ADMIN_PASSWORD)).body()).contains("\"status\":\"UP\"");
        }
    }
}
