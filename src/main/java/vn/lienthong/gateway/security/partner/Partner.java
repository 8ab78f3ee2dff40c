package vn.lienthong.gateway.security.partner;

import java.util.List;
import java.util.Set;

/**
 * A system allowed to call the gateway: who it is, how it proves it, what it may call, how often.
 *
 * @param apiKeySha256        SHA-256 (hex) of each API key it may present; the keys themselves are never stored
 * @param certificateSubjects subject DNs of the client certificates it may present (mutual TLS)
 * @param jwtIdentities       issuer + subject pairs of the OAuth2 JWTs it may present
 */
public record Partner(
        String id,
        String name,
        String agencyCode,
        Set<String> services,
        RateLimit rateLimit,
        List<String> apiKeySha256,
        List<String> certificateSubjects,
        List<JwtIdentity> jwtIdentities) {

    /** A token bucket: {@code perSecond} permits refilled each second, at most {@code burst} at once. */
    public record RateLimit(double perSecond, int burst) {
    }

    /** A JWT identity: tokens from {@code issuer} for {@code audience} whose {@code sub} (or client id) is {@code subject}. */
    public record JwtIdentity(String issuer, String jwkSetUri, String audience, String subject) {
    }

    public boolean isGranted(String service) {
        return services.contains(service);
    }
}
