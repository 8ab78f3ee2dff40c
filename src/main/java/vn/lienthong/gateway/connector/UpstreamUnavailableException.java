package vn.lienthong.gateway.connector;

import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

/** An external system is down, too slow, or its circuit breaker is open: 503 UPSTREAM_UNAVAILABLE. */
public class UpstreamUnavailableException extends ApiException {

    public UpstreamUnavailableException(String message) {
        super(ErrorCode.UPSTREAM_UNAVAILABLE, message);
    }
}
