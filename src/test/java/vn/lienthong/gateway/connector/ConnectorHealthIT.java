package vn.lienthong.gateway.connector;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** One health contributor per connector, probing its system for real. */
class ConnectorHealthIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void restore() throws Exception {
        put("/sandbox/faults/population?mode=NONE");
    }

    @Test
    void connectorIsUpWhenItsSystemAnswersAndDownWhenItFails() throws Exception {
        JsonNode up = connectorHealth();
        assertThat(up.path("status").asText()).isEqualTo("UP");
        assertThat(up.path("details").path("httpStatus").asInt()).isEqualTo(200);

        put("/sandbox/faults/population?mode=DOWN");
        JsonNode down = connectorHealth();
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("details").path("httpStatus").asInt()).isEqualTo(503);
        // one system down degrades the gateway (200, DEGRADED), it does not take it down (issue #22)
        HttpResponse<String> whole = get("/actuator/health");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).contains("\"status\":\"DEGRADED\"");
    }

    private JsonNode connectorHealth() throws Exception {
        HttpResponse<String> response = get("/actuator/health/connectors/population-registry-action",
                "Authorization", basic("admin", ADMIN_PASSWORD));
        return JSON.readTree(response.body());
    }
}
