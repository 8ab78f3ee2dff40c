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

    private static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
