package vn.lienthong.gateway.sandbox;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small OAuth2 identity provider for the sandbox, like the province's SSO in front of its partners:
 * {@code POST /sandbox/idp/token} (client credentials, HTTP Basic) issues an RS256 JWT for the audience
 * {@code lienthong-gateway}; {@code GET /sandbox/idp/jwks} publishes the public key. The signing key is
 * generated at start, so tokens do not survive a restart.
 */
@RestController
@RequestMapping("/sandbox/idp")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class SandboxIdentityProvider {

    static final Map<String, String> CLIENTS = Map.of("lgsp-demo", "lgsp-demo-secret");
    static final String AUDIENCE = "lienthong-gateway";

    private final RSAKey key;
    private final String issuer;

    SandboxIdentityProvider(@Value("${server.port}") int port) throws JOSEException {
        this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        this.issuer = "http://localhost:" + port + "/sandbox/idp";
    }

    @GetMapping("/jwks")
    Map<String, Object> jwks() {
        return new JWKSet(key.toPublicJWK()).toJSONObject();
    }

    @PostMapping("/token")
    ResponseEntity<Map<String, Object>> token(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                              @RequestParam(value = "grant_type", required = false) String grantType,
                                              @RequestParam(value = "audience", required = false) String audience) throws JOSEException {
        String[] credentials = SandboxController.basicCredentials(authorization);
        if (credentials == null || !credentials[1].equals(CLIENTS.get(credentials[0]))) {
            return ResponseEntity.status(401).body(Map.of("error", "invalid_client"));
        }
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type"));
        }
        return ResponseEntity.ok(Map.of(
                "access_token", sign(credentials[0], audience == null ? AUDIENCE : audience, 300),
                "token_type", "Bearer",
                "expires_in", 300));
    }

    /** A token for {@code subject}; also used by tests to make expired or foreign-audience tokens. */
    public String sign(String subject, String audience, long lifetimeSeconds) throws JOSEException {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(List.of(audience))
                .issueTime(new Date(now))
                .expirationTime(new Date(now + lifetimeSeconds * 1000))
                .jwtID(UUID.randomUUID().toString())
                .claim("client_id", subject)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
