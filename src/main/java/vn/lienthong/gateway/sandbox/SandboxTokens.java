package vn.lienthong.gateway.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sandbox's data-sharing platform credentials: an OAuth2 client-credentials token issuer
 * (as WSO2 API Manager answers: {@code access_token, token_type, expires_in}) and the checker of
 * the custom base64-JSON header. The simulators accept a call carrying either.
 */
public class SandboxTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxProperties properties;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> issued = new ConcurrentHashMap<>();
    private final AtomicLong issuedCount = new AtomicLong();

    SandboxTokens(SandboxProperties properties) {
        this.properties = properties;
    }

    /** Issues a token for the given client credentials, or null when they are wrong. */
    public String issue(String clientId, String clientSecret) {
        if (!constantTimeEquals(properties.clientId(), clientId) || !constantTimeEquals(properties.clientSecret(), clientSecret)) {
            return null;
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issued.put(token, Instant.now().plusSeconds(properties.tokenTtlSeconds()));
        issuedCount.incrementAndGet();
        return token;
    }

    public long ttlSeconds() {
        return properties.tokenTtlSeconds();
    }

    /** How many tokens were issued since start. */
    public long issuedCount() {
        return issuedCount.get();
    }

    /** True when the call carries a live bearer token or a correct custom header. */
    public boolean accepts(String authorization, String customHeader) {
        if (authorization != null && authorization.startsWith("Bearer ")) {
            Instant expiry = issued.get(authorization.substring(7).trim());
            return expiry != null && Instant.now().isBefore(expiry);
        }
        if (customHeader != null) {
            try {
                JsonNode fields = JSON.readTree(Base64.getDecoder().decode(customHeader.trim()));
                return constantTimeEquals(properties.accessKey(), fields.path("AccessKey").asText())
                        && constantTimeEquals(properties.secretKey(), fields.path("SecretKey").asText());
            } catch (Exception e) {
                return false;
            }
        }
        return false;
    }

    /** How far a call's Timestamp may be from the simulator's clock (a replayed header is refused after it). */
    static final long NDXP_TIMESTAMP_TOLERANCE_MILLIS = 5 * 60 * 1000;

    /**
     * True when the call carries the NDXP style's headers as the platform checks them: the configured
     * X-Road-Client and ApiKey, a Timestamp (epoch milliseconds) within five minutes of now, and Basic
     * credentials {@code userName:sha256hex(signedPath + userName + Timestamp + secretKey)}.
     */
    public boolean acceptsNdxp(String authorization, String timestamp, String xRoadClient, String apiKey) {
        SandboxProperties.Ndxp ndxp = properties.ndxp();
        if (ndxp == null || authorization == null || !authorization.startsWith("Basic ") || timestamp == null) {
            return false;
        }
        try {
            if (Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp.trim())) > NDXP_TIMESTAMP_TOLERANCE_MILLIS) {
                return false;
            }
        } catch (NumberFormatException e) {
            return false;
        }
        String expected = vn.lienthong.gateway.connector.ConnectorAuth.ndxpCredentials(
                ndxp.signedPath(), ndxp.userName(), timestamp.trim(), ndxp.secretKey());
        return constantTimeEquals(expected, authorization.substring(6).trim())
                & constantTimeEquals(ndxp.xRoadClient(), xRoadClient)
                & constantTimeEquals(ndxp.apiKey(), apiKey);
    }

    private static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
