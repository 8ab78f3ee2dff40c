package vn.lienthong.gateway.security.partner;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTParser;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Verifies OAuth2 JWTs from the issuers named in the partner file, each with its own JWK set.
 * A token from any other issuer is refused before any key is fetched, so a caller cannot make the
 * gateway fetch keys from an address of its choosing.
 */
final class PartnerJwtDecoders {

    private final Map<String, String> jwkSetUriByIssuer = new ConcurrentHashMap<>();
    private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

    PartnerJwtDecoders(List<Partner> partners) {
        partners.forEach(p -> p.jwtIdentities().forEach(j -> jwkSetUriByIssuer.put(j.issuer(), j.jwkSetUri())));
    }

    /** The verified token; throws {@link JwtException} when it is not from a known issuer or does not verify. */
    Jwt decode(String token) {
        String issuer;
        try {
            issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new JwtException("not a JWT");
        }
        if (issuer == null || !jwkSetUriByIssuer.containsKey(issuer)) {
            throw new JwtException("issuer not trusted");
        }
        return decoders.computeIfAbsent(issuer, this::decoderFor).decode(token);
    }

    private JwtDecoder decoderFor(String issuer) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUriByIssuer.get(issuer)).build();
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer));
        decoder.setJwtValidator(validator);
        return decoder;
    }
}
