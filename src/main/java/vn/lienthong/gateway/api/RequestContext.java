package vn.lienthong.gateway.api;

import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;

/**
 * What an API route keeps about the request it serves, as exchange properties (never headers,
 * which travel outbound): the correlation id, the requester, the purpose and the outcome.
 */
public final class RequestContext {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String REQUEST_ID = "gateway.requestId";
    public static final String REQUESTER = "gateway.requester";
    public static final String PURPOSE = "gateway.purpose";
    public static final String OUTCOME = "gateway.outcome";
    public static final String STARTED_NANOS = "gateway.startedNanos";

    private static final Pattern SAFE_TOKEN = Pattern.compile("[A-Za-z0-9._:@-]{1,64}");

    private RequestContext() {
    }

    /**
     * Reads the caller's correlation id, requester and purpose from the inbound headers into
     * exchange properties. A correlation id that is not a short plain token is replaced.
     */
    public static void open(Exchange exchange) {
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
        String requestId = exchange.getMessage().getHeader(REQUEST_ID_HEADER, String.class);
        exchange.setProperty(REQUEST_ID, isSafeToken(requestId) ? requestId : UUID.randomUUID().toString());
        String requester = exchange.getMessage().getHeader("X-Requester", String.class);
        exchange.setProperty(REQUESTER, isSafeToken(requester) ? requester : "anonymous");
        String purpose = exchange.getMessage().getHeader("purpose", String.class);
        exchange.setProperty(PURPOSE, purpose == null || purpose.isBlank() ? "unspecified" : clip(purpose.strip(), 200));
    }

    public static String requestId(Exchange exchange) {
        String id = exchange.getProperty(REQUEST_ID, String.class);
        return id != null ? id : exchange.getExchangeId();
    }

    static boolean isSafeToken(String value) {
        return value != null && SAFE_TOKEN.matcher(value).matches();
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
