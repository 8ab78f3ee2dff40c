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
    CONSOLE_CROSS_SITE_REFUSED(403),
    PAYLOAD_TOO_LARGE(413),
    /** A text body (JSON, XML, text) that is not UTF-8: a UTF-16/32 byte order mark, another charset, invalid bytes. */
    BODY_ENCODING_INVALID(400),
    /** A Content-Encoding (gzip, ...) other than identity: bodies arrive as they are. */
    CONTENT_ENCODING_UNSUPPORTED(415),
    /** A multipart body without boundary, malformed, or with a part that is unnamed, named twice or named like Camel's headers. */
    MULTIPART_INVALID(400),
    /** A text field holding a character that cannot travel: a control character, a non-character, a lone surrogate. */
    TEXT_NOT_ALLOWED(400),
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
    AGENCY_UNKNOWN(400),
    AXIS_FIELD_INVALID(400),
    AXIS_DOCUMENT_NOT_FOUND(404),
    AXIS_NOT_REPLAYABLE(409),
    AXIS_UNAVAILABLE(503),
    ENTERPRISE_CODE_INVALID(400),
    ENTERPRISE_NOT_FOUND(404),
    SOCIAL_INSURANCE_NUMBER_INVALID(400),
    SOCIAL_INSURANCE_NOT_FOUND(404),
    LAND_PARCEL_QUERY_INVALID(400),
    LAND_PARCEL_NOT_FOUND(404),
    REUSE_REQUEST_INVALID(400),
    PROCEDURE_UNKNOWN(400),
    INTAKE_MANIFEST_INVALID(400),
    INTAKE_FILE_MISSING(400),
    INTAKE_HASH_MISMATCH(400),
    INTAKE_ITEM_CONFLICT(409),
    INTAKE_BATCH_NOT_FOUND(404),
    INTAKE_FOLDER_NAME_INVALID(400),
    INTAKE_BATCH_ABANDONED(502),
    DOSSIER_EVENT_INVALID(400),
    DOSSIER_STATUS_UNKNOWN(400),
    DOSSIER_EVENT_CONFLICT(409),
    DOSSIER_EVENT_NOT_FOUND(404),
    DOSSIER_EVENT_NOT_REPLAYABLE(409),
    DOSSIER_EVENT_NOT_SKIPPABLE(409),
    DOSSIER_QUEUE_UNAVAILABLE(503),
    ONLINE_DOSSIER_CODE_INVALID(400),
    ONLINE_DOSSIER_NOT_FOUND(404),
    ONLINE_DOSSIER_NOT_REPLAYABLE(409),
    DEAD_LETTER_NOT_FOUND(404),
    DEAD_LETTER_NOT_RETRYABLE(409),
    INTERNAL_ERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
