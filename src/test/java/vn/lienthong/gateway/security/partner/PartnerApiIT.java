package vn.lienthong.gateway.security.partner;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.sandbox.SandboxIdentityProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** Every partner API call is authenticated, authorised per service and held to its partner's rate. */
class PartnerApiIT extends GatewayTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOKUP = "/api/v1/citizens/001203012345";

    @Autowired
    SandboxIdentityProvider idp;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noCredentialIs401AuthRequiredWithARequestId() throws Exception {
        HttpResponse<String> response = get(LOOKUP);
        assertThat(response.statusCode()).isEqualTo(401);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asText()).isEqualTo("AUTH_REQUIRED");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(error.path("requestId").asText());
    }

    @Test
    void unknownApiKeyIs401AuthInvalid() throws Exception {
        HttpResponse<String> response = get(LOOKUP, "X-API-Key", "sandbox-igate-key-2025");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(code(response)).isEqualTo("AUTH_INVALID");
    }

    @Test
    void partnerWithoutTheServiceIs403AndTheRegistryIsNotCalled() throws Exception {
        long before = registryRequests();
        HttpResponse<String> response = get(LOOKUP, "X-API-Key", "sandbox-portal-key-2026");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("SERVICE_NOT_GRANTED");
        assertThat(registryRequests()).isEqualTo(before);
    }

    @Test
    void anOperationNoServiceCoversIsRefusedToEveryone() throws Exception {
        HttpResponse<String> response = api("/api/v1/not-a-service");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(code(response)).isEqualTo("SERVICE_NOT_GRANTED");
    }

    @Test
    void aPartnerAboveItsRateGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> get("/api/v1/citizens/12345", "X-API-Key", "sandbox-slow-key-2026"));
                calls.add(() -> api("/api/v1/citizens/12345"));
            }
            List<Integer> slow = new ArrayList<>();
            List<Integer> igate = new ArrayList<>();
            List<Future<HttpResponse<String>>> results = pool.invokeAll(calls);
            for (int i = 0; i < results.size(); i++) {
                HttpResponse<String> r = results.get(i).get();
                (i % 2 == 0 ? slow : igate).add(r.statusCode());
                if (r.statusCode() == 429) {
                    assertThat(code(r)).isEqualTo("RATE_LIMITED");
                    assertThat(r.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
                }
            }
            // slow-demo: burst 2, 1/s: at most 2 or 3 of its 6 calls pass within the same second
            assertThat(slow).contains(429);
            assertThat(slow.stream().filter(s -> s == 400).count()).isBetween(2L, 3L);
            // igate-demo, at the same time: every call reaches the route (400: the id is invalid)
            assertThat(igate).containsOnly(400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aJwtFromTheTrustedIdentityProviderAuthenticatesItsPartner() throws Exception {
        String token = tokenFromSandboxIdp();
        HttpResponse<String> response = get(LOOKUP, "Authorization", "Bearer " + token, "X-Request-Id", "jwt-req-1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select requester from lookup_access_log where request_id = 'jwt-req-1'", String.class))
                .isEqualTo("lgsp-demo");
    }

    @Test
    void expiredForeignAudienceAndUntrustedJwtsAre401() throws Exception {
        String expired = idp.sign("lgsp-demo", "lienthong-gateway", -120);
        String otherAudience = idp.sign("lgsp-demo", "some-other-api", 300);
        String unknownSubject = idp.sign("not-a-partner", "lienthong-gateway", 300);
        for (String token : List.of(expired, otherAudience, unknownSubject, forgedToken(), "not-a-jwt")) {
            HttpResponse<String> response = get(LOOKUP, "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(token).isEqualTo(401);
            assertThat(code(response)).isEqualTo("AUTH_INVALID");
        }
    }

    /** Signed by a key the gateway has never seen, claiming the trusted issuer. */
    private String forgedToken() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("forged").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(url("/sandbox/idp")).subject("lgsp-demo").audience("lienthong-gateway")
                .expirationTime(new java.util.Date(System.currentTimeMillis() + 300_000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("forged").build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private String tokenFromSandboxIdp() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/sandbox/idp/token")))
                        .header("Authorization", basic("lgsp-demo", "lgsp-demo-secret"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("code").asText();
    }
}
