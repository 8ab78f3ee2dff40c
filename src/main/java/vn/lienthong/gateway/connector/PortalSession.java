package vn.lienthong.gateway.connector;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The National Public Service Portal's session (FORMATS.md): POST {@code {username, password}} to the
 * login URL gives {@code {session, error_code: 0}}; every later call carries {@code session} in its
 * JSON body. The session is cached; when the portal answers a call with a session error code, the
 * connector asks for a fresh one ({@link #renew}) and sends the same request once more, so an expired
 * session never reaches the caller. One instance per Kamelet (a Kamelet bean).
 */
public class PortalSession implements Processor {

    /** Exchange property: the request as the caller gave it (without session), kept for a re-send. */
    public static final String REQUEST = "portal.request";
    private static final Logger LOG = LoggerFactory.getLogger(PortalSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private String loginUrl;
    private String username;
    private String password;
    private Set<String> sessionErrorCodes = Set.of("1");
    private Duration timeout = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong logins = new AtomicLong();
    private volatile String session;

    /** Adds the session to the JSON request in the body (logging in first when there is none). */
    @Override
    public void process(Exchange exchange) throws Exception {
        String request = exchange.getProperty(REQUEST, String.class);
        if (request == null) {
            request = exchange.getMessage().getBody(String.class);
            exchange.setProperty(REQUEST, request);
        }
        exchange.getMessage().setBody(withSession(request, currentSession()));
    }

    /** The portal said the session is not (or no longer) valid: log in again and rebuild the request. */
    public void renew(Exchange exchange) throws Exception {
        String stale = session;
        synchronized (this) {
            if (session == null || session.equals(stale)) {
                session = login();
            }
        }
        exchange.getMessage().setBody(withSession(exchange.getProperty(REQUEST, String.class), session));
    }

    /** True when the answer in the body is the portal's "session invalid or expired". */
    public boolean expired(Exchange exchange) {
        return sessionErrorCodes.contains(errorCode(exchange.getMessage().getBody(String.class)));
    }

    /** The answer's error_code ("0" = success), or null when the answer is not the portal's JSON. */
    public static String errorCode(String answer) {
        try {
            JsonNode node = answer == null ? null : JSON.readTree(answer);
            return node == null || !node.has("error_code") ? null : node.get("error_code").asText();
        } catch (IOException e) {
            return null;
        }
    }

    /** Throws {@link UpstreamErrorException} unless the answer says error_code 0. */
    public void requireSuccess(Exchange exchange) {
        String answer = exchange.getMessage().getBody(String.class);
        String code = errorCode(answer);
        exchange.getMessage().setHeader("PortalErrorCode", code);
        if (!"0".equals(code)) {
            String message = null;
            try {
                message = JSON.readTree(answer).path("message").asText(null);
            } catch (IOException | RuntimeException ignored) {
                // not JSON: said below
            }
            throw new UpstreamErrorException("The portal refused the request: error_code " + code
                    + (message == null ? "" : " (" + message + ")"));
        }
    }

    private String currentSession() throws IOException, InterruptedException {
        String s = session;
        if (s == null) {
            synchronized (this) {
                if (session == null) {
                    session = login();
                }
                s = session;
            }
        }
        return s;
    }

    private String login() throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(loginUrl)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UpstreamUnavailableException("The portal's login is unreachable.");
        }
        if (response.statusCode() != 200) {
            throw new UpstreamUnavailableException("The portal's login answered HTTP " + response.statusCode() + ".");
        }
        JsonNode answer = JSON.readTree(response.body());
        String value = answer.path("session").asText("");
        if (!"0".equals(answer.path("error_code").asText()) || value.isBlank()) {
            throw new UpstreamErrorException("The portal refused the gateway's login: error_code " + answer.path("error_code").asText());
        }
        logins.incrementAndGet();
        LOG.info("Logged in to the portal at {}", loginUrl);
        return value;
    }

    private static String withSession(String request, String session) throws IOException {
        JsonNode parsed = JSON.readTree(request);
        if (!(parsed instanceof ObjectNode object)) {
            throw new IllegalArgumentException("A portal request is a JSON object");
        }
        ObjectNode out = JSON.createObjectNode().put("session", session);
        object.fields().forEachRemaining(f -> {
            if (!"session".equals(f.getKey())) {
                out.set(f.getKey(), f.getValue());
            }
        });
        return JSON.writeValueAsString(out);
    }

    public long logins() {
        return logins.get();
    }

    public void setLoginUrl(String loginUrl) {
        this.loginUrl = loginUrl;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    /** Comma-separated error codes that mean "log in again". */
    public void setSessionErrorCodes(String codes) {
        this.sessionErrorCodes = Arrays.stream(codes.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public void setTimeoutMillis(long millis) {
        this.timeout = Duration.ofMillis(millis);
    }
}
