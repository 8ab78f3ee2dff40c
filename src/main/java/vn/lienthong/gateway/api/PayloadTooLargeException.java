package vn.lienthong.gateway.api;

/** A request body above the configured size: 413 PAYLOAD_TOO_LARGE. */
public class PayloadTooLargeException extends ApiException {

    public PayloadTooLargeException(String message) {
        super(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }
}
