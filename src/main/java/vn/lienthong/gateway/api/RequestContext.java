package vn.lienthong.gateway.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
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
    /** Set once the context is open: opening again (a Java step after the partner-api configuration opened it) changes nothing. */
    public static final String OPENED = "gateway.contextOpened";
    /** Set once the exchange's answer is in the message log: what ran then changes nothing (security.ExchangeLog#inbound). */
    public static final String ANSWERED = "gateway.answerLogged";
    /** {@code vi} when the caller prefers Vietnamese (Accept-Language), else {@code en}: the language of refusal sentences. */
    public static final String LANGUAGE = "gateway.language";

    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private RequestContext() {
    }

    /**
     * Reads the caller's correlation id, requester and purpose from the inbound headers into
     * exchange properties. A correlation id that is not a short plain token is replaced.
     */
    public static void open(Exchange exchange) {
        if (exchange.getProperty(OPENED) != null) {
            return;
        }
        exchange.setProperty(OPENED, Boolean.TRUE);
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
        exchange.setProperty(STARTED_AT, Instant.now());
        // who and which request first: reading the body below may fail, and the failure is recorded under them
        String given = givenRequestId(exchange);
        exchange.setProperty(REQUEST_ID, given != null ? given : RequestIds.next());
        exchange.setProperty(REQUESTER, requester(exchange));
        exchange.setProperty(REQUEST_HASH, requestHash(exchange));
        String purpose = exchange.getMessage().getHeader("purpose", String.class);
        exchange.setProperty(PURPOSE, purpose == null || purpose.isBlank() ? "unspecified" : clip(purpose.strip(), 200));
        String language = exchange.getMessage().getHeader("Accept-Language", String.class);
        exchange.setProperty(LANGUAGE, language != null && language.strip().toLowerCase(java.util.Locale.ROOT).startsWith("vi") ? "vi" : "en");
        // the service of the grant the API gate matched, until a route names its own
        String granted = service(exchange);
        if (granted != null) {
            exchange.setProperty(SERVICE, granted);
        }
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
     * The request's correlation id: as opened; before {@link #open} (a route that failed first), the one the inbound
     * request filter gave the HTTP request (the caller's X-Request-Id or a generated one); the exchange id only for an
     * exchange that did not come over HTTP.
     */
    public static String requestId(Exchange exchange) {
        String id = exchange.getProperty(REQUEST_ID, String.class);
        if (id != null) {
            return id;
        }
        if (exchange.getIn() instanceof PlatformHttpMessage http && http.getRequest() != null
                && http.getRequest().getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String filtered) {
            return filtered;
        }
        String given = givenRequestId(exchange);
        return given != null ? given : exchange.getExchangeId();
    }

    /** The caller's correlation id when it is a short plain token, from the message or else the HTTP request; null otherwise. */
    private static String givenRequestId(Exchange exchange) {
        String given = exchange.getMessage().getHeader(REQUEST_ID_HEADER, String.class);
        if (given == null && exchange.getIn() instanceof PlatformHttpMessage http) {
            given = http.getRequest().getHeader(REQUEST_ID_HEADER);
        }
        return isSafeToken(given) ? given : null;
    }

    /**
     * The partner the API gate authenticated (security.partner.PartnerAuthenticationFilter), as opened or, before, from
     * the HTTP request (the route runs on Camel's thread, not the servlet's, so not from the security context);
     * {@code anonymous} when there is none.
     */
    public static String requester(Exchange exchange) {
        String requester = exchange.getProperty(REQUESTER, String.class);
        if (requester != null) {
            return requester;
        }
        Object partner = exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest().getAttribute(PARTNER_ATTRIBUTE) : null;
        return partner != null ? partner.toString() : "anonymous";
    }

    /** The named service the request belongs to: as opened, else as the API gate matched it; null when neither knows. */
    public static String service(Exchange exchange) {
        String service = exchange.getProperty(SERVICE, String.class);
        if (service != null) {
            return service;
        }
        Object matched = exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest().getAttribute(SERVICE) : null;
        return matched != null ? matched.toString() : null;
    }

    static boolean isSafeToken(String value) {
        return value != null && SAFE_TOKEN.matcher(value).matches();
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
