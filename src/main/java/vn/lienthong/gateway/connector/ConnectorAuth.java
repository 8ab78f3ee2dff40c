package vn.lienthong.gateway.connector;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a connector's outbound call the way the national data-sharing platforms expect
 * (FORMATS.md, "Data-sharing platforms"):
 * <ul>
 *   <li>{@code oauth2}: OAuth2 client credentials; the token is cached and fetched again only when
 *       less than a tenth of its lifetime (at most 60 s) remains, so calls never carry an expiring token;</li>
 *   <li>{@code header}: a custom header carrying base64 JSON of {@code AccessKey, SecretKey, AppName, PartnerCode};</li>
 *   <li>{@code ndxp}: the style public clients of the national population service use through the national
 *       data-sharing platform: a {@code Timestamp} header (epoch milliseconds), {@code Authorization: Basic
 *       base64(userName:sha256hex(signedPath + userName + Timestamp + secretKey))}, an {@code X-Road-Client}
 *       header naming the gateway's subsystem and an {@code ApiKey} header; computed afresh for every call;</li>
 *   <li>{@code none}.</li>
 * </ul>
 * Each connector Kamelet declares its own instance (a Kamelet bean), so tokens are never shared
 * between systems.
 */
public class ConnectorAuth implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorAuth.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_REFRESH_MARGIN = Duration.ofSeconds(60);

    private String style = "none";
    private String tokenUrl;
    private String clientId;
    private String clientSecret;
    private String accessKey;
    private String secretKey;
    private String appName;
    private String partnerCode;
    private String headerName = "lgspaccesstoken";
    private String userName;
    private String signedPath;
    private String xroadClient;
    private String apiKey;
    private Duration tokenTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong tokensFetched = new AtomicLong();
    private volatile Token token;

    private record Token(String value, Instant refreshAt) {
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        switch (style == null || style.isBlank() ? "none" : style) {
            case "oauth2" -> exchange.getMessage().setHeader("Authorization", "Bearer " + currentToken());
            case "header" -> exchange.getMessage().setHeader(headerName, customHeader());
            case "ndxp" -> ndxpHeaders(exchange.getMessage());
            case "none" -> {
            }
            default -> throw new IllegalStateException("Unknown connector authStyle '" + style + "' (none, oauth2, header or ndxp)");
        }
    }

    /** The cached token, fetched when there is none or when it is about to expire. */
    public String currentToken() throws IOException, InterruptedException {
        Token t = token;
        if (t == null || !clock.instant().isBefore(t.refreshAt())) {
            synchronized (this) {
                t = token;
                if (t == null || !clock.instant().isBefore(t.refreshAt())) {
                    t = fetchToken();
                    token = t;
                }
            }
        }
        return t.value();
    }

    private Token fetchToken() throws IOException, InterruptedException {
        require(tokenUrl, "tokenUrl");
        require(clientId, "clientId");
        String credentials = Base64.getEncoder().encodeToString(
                (clientId + ":" + (clientSecret == null ? "" : clientSecret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .timeout(tokenTimeout)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UpstreamUnavailableException("The token endpoint of the data-sharing platform is unreachable.");
        }
        if (response.statusCode() != 200) {
            LOG.warn("Token endpoint {} answered HTTP {}", tokenUrl, response.statusCode());
            throw new UpstreamUnavailableException("The data-sharing platform refused to issue an access token.");
        }
        JsonNode body = JSON.readTree(response.body());
        String value = body.path("access_token").asText(null);
        long expiresIn = body.path("expires_in").asLong(3600);
        if (value == null || value.isBlank()) {
            throw new UpstreamUnavailableException("The data-sharing platform's token answer has no access_token.");
        }
        Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 1));
        Duration margin = lifetime.dividedBy(10).compareTo(MAX_REFRESH_MARGIN) < 0 ? lifetime.dividedBy(10) : MAX_REFRESH_MARGIN;
        tokensFetched.incrementAndGet();
        LOG.info("Fetched an access token from {} valid for {} s", tokenUrl, expiresIn);
        return new Token(value, clock.instant().plus(lifetime).minus(margin));
    }

    String customHeader() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccessKey", nullToEmpty(accessKey));
        fields.put("SecretKey", nullToEmpty(secretKey));
        fields.put("AppName", nullToEmpty(appName));
        fields.put("PartnerCode", nullToEmpty(partnerCode));
        return Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(fields));
    }

    private void ndxpHeaders(org.apache.camel.Message msg) {
        if (userName == null || userName.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalStateException("Connector authStyle ndxp needs userName and secretKey");
        }
        String timestamp = Long.toString(clock.millis());
        msg.setHeader("Timestamp", timestamp);
        msg.setHeader("Authorization", "Basic " + ndxpCredentials(signedPath, userName, timestamp, secretKey));
        msg.setHeader("X-Road-Client", nullToEmpty(xroadClient));
        msg.setHeader("ApiKey", nullToEmpty(apiKey));
    }

    /** base64(userName:sha256hex(signedPath + userName + timestamp + secretKey)), as the platform derives it too. */
    public static String ndxpCredentials(String signedPath, String userName, String timestamp, String secretKey) {
        String digest = vn.lienthong.gateway.crypto.Hashes.sha256Hex(
                (nullToEmpty(signedPath) + userName + timestamp + secretKey).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString((userName + ":" + digest).getBytes(StandardCharsets.UTF_8));
    }

    /** How many tokens this connector has fetched since start (for tests and metrics). */
    public long tokensFetched() {
        return tokensFetched.get();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Connector authStyle oauth2 needs " + name);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public void setStyle(String style) { this.style = style; }
    public void setTokenUrl(String tokenUrl) { this.tokenUrl = tokenUrl; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public void setAccessKey(String accessKey) { this.accessKey = accessKey; }
    public void setSecretKey(String secretKey) { this.secretKey = secretKey; }
    public void setAppName(String appName) { this.appName = appName; }
    public void setPartnerCode(String partnerCode) { this.partnerCode = partnerCode; }
    public void setHeaderName(String headerName) { this.headerName = headerName; }
    public void setUserName(String userName) { this.userName = userName; }
    public void setSignedPath(String signedPath) { this.signedPath = signedPath; }
    public void setXroadClient(String xroadClient) { this.xroadClient = xroadClient; }
    public void setApiKey(String apiKey) { this.apiKey = apiKey; }
    public void setTokenTimeout(Duration tokenTimeout) { this.tokenTimeout = tokenTimeout; }
    public void setClock(Clock clock) { this.clock = clock; }
}
