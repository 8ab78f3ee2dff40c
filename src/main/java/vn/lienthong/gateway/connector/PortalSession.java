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
 * The National Public Service Portal's session and answers (FORMATS.md): POST {@code {username, password}} to the
 * login URL gives {@code {session, error_code: 0}}; every later call carries {@code session} in its
 * JSON body. The session is cached. The Kamelet sends a request in a loop that {@link #sendAgain} drives: when the
 * portal answers with a session error code, the connector logs in again and sends the same request once more, so an
 * expired session never reaches the caller; when it answers that a dossier sent as new "already exists" (its message
 * says {@code alreadyExistsPhrase}, "đã tồn tại", whatever the code: public clients see 0, 3 and -3), the connector
 * sends it once more as an update ({@code isUpdating} true, in the style the request used), as public clients do.
 * {@code error_code} is read as a number: {@code 0}, {@code "0"} and {@code "00"} all mean success. One instance per
 * Kamelet (a Kamelet bean).
 */
public class PortalSession implements Processor {

    /** Exchange property: the request as the caller gave it (without session), kept for a re-send. */
    public static final String REQUEST = "portal.request";
    /** Exchange property: the calls made for the current request (the Kamelet resets it to 0 before the first). */
    public static final String CALLS = "portal.calls";
    /** Exchange property: the session was renewed for the current request (once at most). */
    private static final String RENEWED = "portal.renewed";
    /** At most: the call, once more after a new login, once more as an update. */
    private static final int MAX_CALLS = 3;
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[+-]?[0-9]{1,9}");
    private static final Logger LOG = LoggerFactory.getLogger(PortalSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private String loginUrl;
    private String username;
    private String password;
    private Set<Integer> sessionErrorCodes = Set.of(1);
    private String alreadyExistsPhrase = "đã tồn tại";
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

    /**
     * The Kamelet's loop condition, asked before each call: true for the first call; then true once more when the answer
     * says the session expired (after a new login), and once more when a dossier sent as new already exists (the request
     * rewritten as an update). Each call it allows is a call really made and recorded.
     */
    public boolean sendAgain(Exchange exchange) throws IOException, InterruptedException {
        int calls = exchange.getProperty(CALLS, 0, Integer.class);
        if (calls == 0 || calls >= MAX_CALLS) {
            exchange.setProperty(CALLS, calls + 1);
            return calls == 0;
        }
        String answer = exchange.getMessage().getBody(String.class);
        if (sessionErrorCodes.contains(numericCode(answer)) && !exchange.getProperty(RENEWED, false, Boolean.class)) {
            exchange.setProperty(RENEWED, true);
            renew();
            exchange.setProperty(CALLS, calls + 1);
            return true;
        }
        if (alreadyExists(answer)) {
            String update = asUpdate(exchange.getProperty(REQUEST, String.class));
            if (update != null) {
                LOG.info("The portal has the dossier already; sending it again as an update");
                exchange.setProperty(REQUEST, update);
                exchange.setProperty(CALLS, calls + 1);
                return true;
            }
        }
        return false;
    }

    /** The portal said the session is not (or no longer) valid: log in again (once for all requests that saw the old one). */
    private void renew() throws IOException, InterruptedException {
        String stale = session;
        synchronized (this) {
            if (session == null || session.equals(stale)) {
                session = login();
            }
        }
    }

    /** True when the answer's message says the dossier already exists (whatever its error_code). */
    boolean alreadyExists(String answer) {
        String message = message(answer);
        return message != null && !alreadyExistsPhrase.isBlank() && java.text.Normalizer.normalize(message, java.text.Normalizer.Form.NFC)
                .toLowerCase(java.util.Locale.ROOT).contains(alreadyExistsPhrase);
    }

    /**
     * A DongBoHoSoMC request sent as new, rewritten as an update in the style it used ({@code false} becomes {@code true},
     * {@code "False"} becomes {@code "True"}, {@code "0"} becomes {@code "1"}); null when it is not such a request.
     */
    static String asUpdate(String request) throws IOException {
        JsonNode parsed = request == null ? null : JSON.readTree(request);
        if (!(parsed instanceof ObjectNode object) || !"DongBoHoSoMC".equals(object.path("service").asText())) {
            return null;
        }
        JsonNode flag = object.path("isUpdating");
        String text = flag.asText("").strip();
        if (flag.isBoolean()) {
            if (flag.booleanValue()) {
                return null;
            }
            object.put("isUpdating", true);
        } else if (text.equalsIgnoreCase("false")) {
            object.put("isUpdating", Character.isUpperCase(text.charAt(0)) ? "True" : "true");
        } else if (text.equals("0")) {
            object.put("isUpdating", "1");
        } else if (flag.isMissingNode() || text.isEmpty()) {
            object.put("isUpdating", true);
        } else {
            return null;
        }
        return JSON.writeValueAsString(object);
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

    /** The answer's error_code as a number (0, "0" and "00" are all 0), or null when it is absent or not a number. */
    static Integer numericCode(String answer) {
        String code = errorCode(answer);
        return code != null && NUMBER.matcher(code.strip()).matches() ? Integer.valueOf(code.strip()) : null;
    }

    private static String message(String answer) {
        try {
            JsonNode node = answer == null ? null : JSON.readTree(answer);
            return node == null ? null : node.path("message").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Throws {@link UpstreamErrorException} unless the answer's error_code is the number 0. The header PortalErrorCode
     * then says "0" (however the portal wrote it); a refusal's reason carries the code and the portal's message.
     */
    public void requireSuccess(Exchange exchange) {
        String answer = exchange.getMessage().getBody(String.class);
        Integer code = numericCode(answer);
        exchange.getMessage().setHeader("PortalErrorCode", code == null ? errorCode(answer) : String.valueOf(code));
        if (code == null || code != 0) {
            String message = message(answer);
            throw new UpstreamErrorException("The portal refused the request: error_code " + errorCode(answer)
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

    /** Comma-separated error codes (numbers) that mean "log in again". */
    public void setSessionErrorCodes(String codes) {
        this.sessionErrorCodes = Arrays.stream(codes.split(",")).map(String::strip).filter(c -> NUMBER.matcher(c).matches())
                .map(Integer::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The words of an answer's message that mean "the dossier already exists" (lower case; empty: never). */
    public void setAlreadyExistsPhrase(String phrase) {
        this.alreadyExistsPhrase = java.text.Normalizer.normalize(phrase == null ? "" : phrase.strip(), java.text.Normalizer.Form.NFC)
                .toLowerCase(java.util.Locale.ROOT);
    }

    public void setTimeoutMillis(long millis) {
        this.timeout = Duration.ofMillis(millis);
    }
}
