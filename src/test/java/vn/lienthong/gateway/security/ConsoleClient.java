package vn.lienthong.gateway.security;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The console as a browser uses it: a form login with its CSRF token, then Jolokia POSTs (bulk, as Hawtio sends them) with the session. */
final class ConsoleClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private String session;
    private String xsrf;

    ConsoleClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Logs in through the login form, carrying the given session (null: a fresh one); answers the login's response. */
    HttpResponse<String> login(String user, String password, String existingSession) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Cookie", existingSession == null ? "" : "JSESSIONID=" + existingSession).GET());
        session = existingSession;
        cookies(page);
        Matcher hidden = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(hidden.find()).as(page.body()).isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(hidden.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookieHeader())
                .header("Origin", base).POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
        cookies(login);
        // the session's own token: the first console answer after login sets it
        cookies(get("/actuator/jolokia/version"));
        return login;
    }

    ConsoleClient login(String user, String password) throws Exception {
        login(user, password, null);
        return this;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookieHeader()).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = send(request);
        cookies(response);
        return response;
    }

    /** A Jolokia POST as Hawtio sends it: JSON (one request or a bulk array), the session cookie and the CSRF header. */
    JsonNode jolokia(String json) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/actuator/hawtio/jolokia"))
                .header("Content-Type", "text/json").header("Cookie", cookieHeader()).header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    String session() {
        return session;
    }

    private String cookieHeader() {
        return (session == null ? "" : "JSESSIONID=" + session + "; ") + (xsrf == null ? "" : "XSRF-TOKEN=" + xsrf);
    }

    private void cookies(HttpResponse<String> response) {
        List<String> set = response.headers().allValues("Set-Cookie");
        for (String c : set) {
            String value = c.substring(c.indexOf('=') + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'));
            if (c.startsWith("JSESSIONID=") && !value.isEmpty()) {
                session = value;
            } else if (c.startsWith("XSRF-TOKEN=") && !value.isEmpty()) {
                xsrf = value;
            }
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
