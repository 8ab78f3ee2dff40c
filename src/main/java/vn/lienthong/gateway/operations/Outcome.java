package vn.lienthong.gateway.operations;

import java.util.Locale;

import org.apache.camel.Exchange;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.connector.UpstreamUnavailableException;

/**
 * How one exchange ended, in the terms an operator counts: answered, refused input (4xx), upstream
 * unavailable (502/503/504, open circuit, timeout), internal error (other 5xx, unexpected exceptions),
 * dead-lettered. The shared error handlers mark their failures handled, so Camel's own "failed" counter
 * stays at 0: this reads what the exchange really became.
 */
public enum Outcome {
    OK, REFUSED, UNAVAILABLE, INTERNAL_ERROR, DEAD_LETTER;

    /** The tag value in metrics: {@code ok}, {@code refused}, {@code unavailable}, {@code internal_error}, {@code dead_letter}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean failure() {
        return this != OK && this != REFUSED;
    }

    /**
     * @param caughtBefore the exception the exchange had caught when it entered the route (a retry's), not counted again
     */
    static Outcome of(Exchange exchange, Object caughtBefore) {
        Throwable unhandled = exchange.getException();
        if (unhandled != null) {
            return ofCause(unhandled);
        }
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean newlyCaught = caught != null && caught != caughtBefore;
        String to = exchange.getProperty(Exchange.TO_ENDPOINT, String.class);
        if (newlyCaught && to != null && to.contains("DLQ")) {
            return DEAD_LETTER;
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status != null) {
            // the answer a REST route gives (its error handler sets the status of the error code it answers)
            return ofStatus(status);
        }
        return newlyCaught ? ofCause(caught) : OK;
    }

    static Outcome ofStatus(int status) {
        if (status == 502 || status == 503 || status == 504) {
            return UNAVAILABLE;
        }
        if (status >= 500) {
            return INTERNAL_ERROR;
        }
        return status >= 400 ? REFUSED : OK;
    }

    static Outcome ofCause(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UpstreamUnavailableException) {
                return UNAVAILABLE;
            }
            if (t instanceof ApiException api) {
                return ofStatus(api.code().httpStatus());
            }
        }
        return INTERNAL_ERROR;
    }
}
