package vn.lienthong.gateway.security.partner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.security.GateRefusals;
import vn.lienthong.gateway.security.HttpErrors;

/**
 * The partner API's gate, in front of every {@code /api/**} operation:
 * <ol>
 *   <li>who is calling — a client certificate (mutual TLS), an OAuth2 JWT ({@code Authorization: Bearer})
 *       or an API key ({@code X-API-Key}); none: 401 {@code AUTH_REQUIRED}; not recognised: 401 {@code AUTH_INVALID};</li>
 *   <li>which service the operation belongs to, and whether the partner was granted it: 403 {@code SERVICE_NOT_GRANTED};</li>
 *   <li>whether the partner is within its rate: 429 {@code RATE_LIMITED} with {@code Retry-After}.</li>
 * </ol>
 * The partner becomes the request's authenticated principal (its name is the partner id) and the
 * service a request attribute, for the routes and the message log. Each refusal is recorded in the message
 * log too ({@link GateRefusals}, through {@link HttpErrors}): for it, the service, the partner once known and the
 * fingerprint of the credential presented are request attributes from the moment they are known.
 */
public final class PartnerAuthenticationFilter extends OncePerRequestFilter {

    public static final String SERVICE_ATTRIBUTE = "gateway.service";
    static final String API_KEY_HEADER = "X-API-Key";

    private final PartnerRegistry registry;
    private final PartnerJwtDecoders jwt;
    private final RateLimiter limiter;

    public PartnerAuthenticationFilter(PartnerRegistry registry, RateLimiter limiter) {
        this.registry = registry;
        this.limiter = limiter;
        this.jwt = new PartnerJwtDecoders(registry.partners());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<String> service = registry.services().serviceOf(request.getMethod(), path);
        service.ifPresent(name -> request.setAttribute(SERVICE_ATTRIBUTE, name));
        Partner partner;
        try {
            partner = authenticate(request);
        } catch (ApiException e) {
            HttpErrors.write(request, response, e.code(), e.getMessage());
            return;
        }
        request.setAttribute(RequestContext.PARTNER_ATTRIBUTE, partner.id());
        if (service.isEmpty() || !partner.isGranted(service.get())) {
            HttpErrors.write(request, response, ErrorCode.SERVICE_NOT_GRANTED, service.isEmpty()
                    ? "No service of this gateway covers " + request.getMethod() + " " + path + "."
                    : "Partner '" + partner.id() + "' has not been granted the service '" + service.get() + "'.");
            return;
        }
        long retryAfter = limiter.acquire(partner);
        if (retryAfter > 0) {
            response.setHeader("Retry-After", Long.toString(retryAfter));
            HttpErrors.write(request, response, ErrorCode.RATE_LIMITED,
                    "Partner '" + partner.id() + "' is above its rate of " + partner.rateLimit().perSecond() + " requests per second; retry after " + retryAfter + " s.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
                partner.id(), null, List.of(new SimpleGrantedAuthority("ROLE_partner")));
        authentication.setDetails(service.get());
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private Partner authenticate(HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chain != null && chain.length > 0) {
            request.setAttribute(GateRefusals.CREDENTIAL_ATTRIBUTE, "cert:" + chain[0].getSubjectX500Principal().getName());
            return registry.byCertificateSubject(chain[0].getSubjectX500Principal())
                    .orElseThrow(() -> new ApiException(ErrorCode.AUTH_INVALID, "The client certificate is not registered to any partner."));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            request.setAttribute(GateRefusals.CREDENTIAL_ATTRIBUTE, jwtFingerprint(token));
            return fromJwt(token);
        }
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            request.setAttribute(GateRefusals.CREDENTIAL_ATTRIBUTE, GateRefusals.apiKeyFingerprint(apiKey.strip()));
            return registry.byApiKeyHash(sha256(apiKey.strip()))
                    .orElseThrow(() -> new ApiException(ErrorCode.AUTH_INVALID, "The API key is not valid."));
        }
        throw new ApiException(ErrorCode.AUTH_REQUIRED,
                "Authenticate with an API key (X-API-Key), an OAuth2 bearer token or a client certificate.");
    }

    private Partner fromJwt(String token) {
        Jwt verified;
        try {
            verified = jwt.decode(token);
        } catch (JwtException e) {
            throw new ApiException(ErrorCode.AUTH_INVALID, "The bearer token is not valid: " + e.getMessage());
        }
        String subject = verified.getSubject();
        Partner partner = registry.byJwt(verified.getIssuer().toString(), subject)
                .orElseThrow(() -> new ApiException(ErrorCode.AUTH_INVALID, "The bearer token's subject is not registered to any partner."));
        boolean audienceOk = partner.jwtIdentities().stream()
                .filter(j -> j.issuer().equals(verified.getIssuer().toString()) && j.subject().equals(subject))
                .anyMatch(j -> verified.getAudience() != null && verified.getAudience().contains(j.audience()));
        if (!audienceOk) {
            throw new ApiException(ErrorCode.AUTH_INVALID, "The bearer token was not issued for this gateway (audience).");
        }
        return partner;
    }

    /** Who a bearer token says it is ({@code jwt:<sub>@<iss>}, as claimed, unverified), or the start of its hash when it says nothing readable. */
    static String jwtFingerprint(String token) {
        try {
            JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
            if (claims.getSubject() != null || claims.getIssuer() != null) {
                return GateRefusals.clip("jwt:" + claims.getSubject() + "@" + claims.getIssuer());
            }
        } catch (ParseException | RuntimeException e) {
            // not a JWT at all: the hash says which string it was
        }
        return "jwt:sha256:" + sha256(token).substring(0, 16);
    }

    static String sha256(String value) {
        return Hashes.sha256Hex(value.getBytes(StandardCharsets.UTF_8));
    }
}
