package vn.lienthong.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import vn.lienthong.gateway.crypto.Hashes;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * What an API route keeps about the request it serves, as exchange properties (never headers,
 * which travel outbound): the correlation id (set by the inbound request filter), the requesting
 * partner, the purpose and the outcome.
 */
public final class RequestContext {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Request attribute holding the correlation id the inbound request filter gave the request. */
    public static final String REQUEST_ID_ATTRIBUTE = "gateway.http.requestId";
    /** Request attribute holding the authenticated partner's id, set by the API gate. */
    public static final String PARTNER_ATTRIBUTE = "gateway.partner";
    public static final String REQUEST_ID = "gateway.requestId";
    public static final String REQUESTER = "gateway.requester";
    public static final String PURPOSE = "gateway.purpose";
    public static final String OUTCOME = "gateway.outcome";
    public static final String STARTED_NANOS = "gateway.startedNanos";
    public static final String STARTED_AT = "gateway.startedAt";
    /** The named service the request belongs to ({@code citizen.lookup}, ...). */
    public static final String SERVICE = "gateway.service";
    /** SHA-256 (hex) of the request as received: method, path and query, then the body. */
    public static final String REQUEST_HASH = "gateway.requestHash";

    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private RequestContext() {
    }

    /**
     * Reads the caller's correlation id, requester and purpose from the inbound headers into
     * exchange properties. A correlation id that is not a short plain token is replaced.
     */
    public static void open(Exchange exchange) {
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
        exchange.setProperty(STARTED_AT, Instant.now());
        exchange.setProperty(REQUEST_HASH, requestHash(exchange));
        String requestId = exchange.getMessage().getHeader(REQUEST_ID_HEADER, String.class);
        exchange.setProperty(REQUEST_ID, isSafeToken(requestId) ? requestId : UUID.randomUUID().toString());
        // the partner the API gate authenticated (security.partner.PartnerAuthenticationFilter); the route
        // runs on Camel's thread, not the servlet's, so it is read from the request, not the security context
        Object partner = exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest().getAttribute(PARTNER_ATTRIBUTE) : null;
        exchange.setProperty(REQUESTER, partner != null ? partner.toString() : "anonymous");
        String purpose = exchange.getMessage().getHeader("purpose", String.class);
        exchange.setProperty(PURPOSE, purpose == null || purpose.isBlank() ? "unspecified" : clip(purpose.strip(), 200));
    }

    /** {@link #open(Exchange)} for a request to the partner service {@code service} (the message log records it). */
    public static void open(Exchange exchange, String service) {
        open(exchange);
        exchange.setProperty(SERVICE, service);
    }

    private static String requestHash(Exchange exchange) {
        MessageDigest digest = Hashes.sha256Digest();
        if (exchange.getIn() instanceof PlatformHttpMessage http) {
            HttpServletRequest request = http.getRequest();
            String line = request.getMethod() + " " + request.getRequestURI()
                    + (request.getQueryString() == null ? "" : "?" + request.getQueryString()) + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            if (request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null) {
                // no entity (a GET): nothing to add, and no need to ask the type converters for the bytes of an
                // empty body (a miss they search all their converters for, on every request)
                return HexFormat.of().formatHex(digest.digest());
            }
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body != null) {
            digest.update(body);
            // keep what was read: hashing must never consume a body that is a one-shot stream
            exchange.getIn().setBody(body);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The correlation id: the one {@link #open} kept, or, for a request that failed before its route opened it (a
     * body that could not be read), the one the inbound request filter gave the HTTP request; else the exchange's id.
     */
    public static String requestId(Exchange exchange) {
        String id = exchange.getProperty(REQUEST_ID, String.class);
        if (id == null && exchange.getIn() instanceof PlatformHttpMessage http && http.getRequest() != null
                && http.getRequest().getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String given) {
            id = given;
        }
        return id != null ? id : exchange.getExchangeId();
    }

    static boolean isSafeToken(String value) {
        return value != null && SAFE_TOKEN.matcher(value).matches();
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
