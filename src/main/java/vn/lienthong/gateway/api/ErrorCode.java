package vn.lienthong.gateway.api;

/**
 * Stable error codes a partner can see. The code never changes once published; the sentence may.
 */
public enum ErrorCode {
    REQUEST_INVALID(400),
    AUTH_REQUIRED(401),
    AUTH_INVALID(401),
    SERVICE_NOT_GRANTED(403),
    CONSOLE_ACTION_FORBIDDEN(403),
    PAYLOAD_TOO_LARGE(413),
    RATE_LIMITED(429),
    CITIZEN_ID_INVALID(400),
    BIRTH_DATE_INVALID(400),
    CITIZEN_NOT_FOUND(404),
    UPSTREAM_UNAVAILABLE(503),
    MESSAGE_LOG_UNAVAILABLE(503),
    UPSTREAM_ERROR(502),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
