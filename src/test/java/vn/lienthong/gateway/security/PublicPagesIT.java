package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.GatewayTestSupport;

/** The landing page and the API description answer without login; nothing else is opened by them. */
class PublicPagesIT extends GatewayTestSupport {

    @Test
    void theLandingPageAnswersWithoutLoginAndLinksTheApiDescriptionHealthAndConsole() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("href=\"openapi.yaml\"", "href=\"actuator/health\"", "href=\"actuator/hawtio\"", "README");
    }

    @Test
    void theApiDescriptionAnswersWithoutLogin() throws Exception {
        HttpResponse<String> description = get("/openapi.yaml");
        assertThat(description.statusCode()).isEqualTo(200);
        assertThat(description.body()).startsWith("openapi: 3").contains("/api/v1/citizens/{id}");
    }

    @Test
    void openingThemOpensNothingElse() throws Exception {
        assertThat(get("/actuator/hawtio/jolokia/version").statusCode()).isIn(401, 403);
        assertThat(get("/actuator/prometheus").statusCode()).isIn(401, 403);
        assertThat(get("/api/v1/citizens/001203012345").statusCode()).isEqualTo(401);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as("only GET is public").isIn(401, 403);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
