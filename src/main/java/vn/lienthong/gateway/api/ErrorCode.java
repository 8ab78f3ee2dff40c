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
    OWNER_ID_INVALID(400),
    EDATA_FIELD_MISSING(400),
    EDATA_FIELD_INVALID(400),
    EDATA_DATES_INVALID(400),
    EDATA_TYPE_UNKNOWN(400),
    EDATA_TYPE_NOT_FOR_OWNER(400),
    EDATA_NOT_PDF(400),
    EDATA_TOO_LARGE(413),
    EDATA_NOT_FOUND(404),
    EDATA_NOT_REVOCABLE(409),
    EDATA_TAMPERED(409),
    EDATA_UNAVAILABLE(503),
    DOSSIER_EVENT_INVALID(400),
    DOSSIER_STATUS_UNKNOWN(400),
    DOSSIER_EVENT_CONFLICT(409),
    DOSSIER_EVENT_NOT_FOUND(404),
    DOSSIER_EVENT_NOT_REPLAYABLE(409),
    DOSSIER_QUEUE_UNAVAILABLE(503),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
