package vn.lienthong.gateway.connector;

import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

/** An external system answered, but with an error the gateway cannot pass on as data: 502 UPSTREAM_ERROR. */
public class UpstreamErrorException extends ApiException {

    public UpstreamErrorException(String message) {
        super(ErrorCode.UPSTREAM_ERROR, message);
    }
}
