package vn.lienthong.gateway.security;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel's own headers, sent from outside in any letter case as HTTP headers or query parameters,
 * change nothing: the look-up behaves exactly as without them.
 */
class HeaderInjectionIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void injectedCamelHeadersAndParametersAreIgnored() throws Exception {
        String path = "/api/v1/citizens/001203012345?birthDate=2003-05-14";
        HttpResponse<String> clean = api(path);
        assertThat(clean.statusCode()).isEqualTo(200);

        long before = registryRequests();
        HttpResponse<String> injected = api(path
                        + "&camelFileName=..%2F..%2Fetc%2Fpasswd&CamelHttpUri=http%3A%2F%2F127.0.0.1%3A1%2Fevil"
                        + "&org.apache.camel.Fake=1&CAMELHTTPRESPONSECODE=500",
                "cAmElHttpUri", "http://127.0.0.1:1/evil",
                "CamelHttpPath", "/evil",
                "CamelJmsDestinationName", "evil.queue",
                "camelHttpMethod", "DELETE",
                "CamelHttpResponseCode", "302",
                "org.apache.camel.Redirect", "yes");

        assertThat(injected.statusCode()).isEqualTo(200);
        JsonNode expected = JSON.readTree(clean.body());
        assertThat(JSON.readTree(injected.body())).isEqualTo(expected);
        assertThat(injected.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel"));
        // exactly one call reached the real registry: nothing was redirected or duplicated
        assertThat(registryRequests()).isEqualTo(before + 1);
    }

    @Test
    void anInjectedResponseCodeCannotTurnARefusalIntoSuccess() throws Exception {
        HttpResponse<String> response = api("/api/v1/citizens/12345?CamelHttpResponseCode=200", "CamelHttpResponseCode", "200");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("CITIZEN_ID_INVALID");
    }

    @Test
    void aBodyAboveTheLimitIs413BeforeAnythingElse() throws Exception {
        byte[] body = new byte[1024 * 1024 + 1];
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/citizens/001203012345")))
                        .header("X-API-Key", API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }
}
