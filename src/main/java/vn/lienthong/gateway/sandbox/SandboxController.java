package vn.lienthong.gateway.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's shared endpoints: the platform's OAuth2 token endpoint and the fault switches.
 * <pre>
 * POST /sandbox/oauth2/token   (HTTP Basic client credentials, grant_type=client_credentials)
 * GET  /sandbox/faults
 * PUT  /sandbox/faults/{system}?mode=DOWN|SLOW|HOSTILE|DROP|TRUNCATED|NONE&amp;delayMillis=5000
 * </pre>
 */
@RestController
@RequestMapping("/sandbox")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class SandboxController {

    private final SandboxTokens tokens;
    private final SandboxFaults faults;

    SandboxController(SandboxTokens tokens, SandboxFaults faults) {
        this.tokens = tokens;
        this.faults = faults;
    }

    @PostMapping("/oauth2/token")
    ResponseEntity<Map<String, Object>> token(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                              @RequestParam(value = "grant_type", required = false) String grantType) {
        String[] credentials = basicCredentials(authorization);
        if (credentials == null) {
            return ResponseEntity.status(401).body(Map.of("error", "invalid_client"));
        }
        if (!"client_credentials".equals(grantType)) {
            return ResponseEntity.badRequest().body(Map.of("error", "unsupported_grant_type"));
        }
        String token = tokens.issue(credentials[0], credentials[1]);
        if (token == null) {
            return ResponseEntity.status(401).body(Map.of("error", "invalid_client"));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", tokens.ttlSeconds());
        body.put("scope", "default");
        return ResponseEntity.ok(body);
    }

    @GetMapping("/faults")
    Map<String, SandboxFaults.Fault> faults() {
        return faults.all();
    }

    @PutMapping("/faults/{system}")
    SandboxFaults.Fault setFault(@PathVariable String system,
                                 @RequestParam SandboxFaults.Mode mode,
                                 @RequestParam(defaultValue = "0") long delayMillis,
                                 @RequestParam(required = false) String hostileUrl) {
        faults.set(system, mode, delayMillis, hostileUrl);
        return faults.of(system);
    }

    static String[] basicCredentials(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
