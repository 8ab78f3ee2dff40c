package vn.lienthong.gateway.api;

/**
 * The built-in error codes, named for Java callers. The code never changes once published; the sentence may.
 * Their HTTP status and sentences are in the built-in catalogue ({@code builtin-error-codes.yaml}, {@link ErrorCatalogue}),
 * which integrators extend with their own codes in {@code mappings/error-codes.yaml}.
 */
public enum ErrorCode {
    REQUEST_INVALID,
    AUTH_REQUIRED,
    AUTH_INVALID,
    SERVICE_NOT_GRANTED,
    CONSOLE_ACTION_FORBIDDEN,
    CONSOLE_CROSS_SITE_REFUSED,
    PAYLOAD_TOO_LARGE,
    /** A text body (JSON, XML, text) that is not UTF-8: a UTF-16/32 byte order mark, another charset, invalid bytes. */
    BODY_ENCODING_INVALID,
    /** A Content-Encoding (gzip, ...) other than identity: bodies arrive as they are. */
    CONTENT_ENCODING_UNSUPPORTED,
    /** A multipart body without boundary, malformed, or with a part that is unnamed, named twice or named like Camel's headers. */
    MULTIPART_INVALID,
    /** A text field holding a character that cannot travel: a control character, a non-character, a lone surrogate. */
    TEXT_NOT_ALLOWED,
    RATE_LIMITED,
    CITIZEN_ID_INVALID,
    BIRTH_DATE_INVALID,
    CITIZEN_NOT_FOUND,
    UPSTREAM_UNAVAILABLE,
    MESSAGE_LOG_UNAVAILABLE,
    UPSTREAM_ERROR,
    OWNER_ID_INVALID,
    EDATA_FIELD_MISSING,
    EDATA_FIELD_INVALID,
    EDATA_DATES_INVALID,
    EDATA_TYPE_UNKNOWN,
    EDATA_TYPE_NOT_FOR_OWNER,
    EDATA_NOT_PDF,
    EDATA_TOO_LARGE,
    EDATA_NOT_FOUND,
    EDATA_NOT_REVOCABLE,
    EDATA_TAMPERED,
    EDATA_UNAVAILABLE,
    AGENCY_UNKNOWN,
    AXIS_FIELD_INVALID,
    AXIS_DOCUMENT_NOT_FOUND,
    AXIS_NOT_REPLAYABLE,
    AXIS_UNAVAILABLE,
    ENTERPRISE_CODE_INVALID,
    ENTERPRISE_NOT_FOUND,
    SOCIAL_INSURANCE_NUMBER_INVALID,
    SOCIAL_INSURANCE_NOT_FOUND,
    LAND_PARCEL_QUERY_INVALID,
    LAND_PARCEL_NOT_FOUND,
    REUSE_REQUEST_INVALID,
    PROCEDURE_UNKNOWN,
    INTAKE_MANIFEST_INVALID,
    INTAKE_FILE_MISSING,
    INTAKE_HASH_MISMATCH,
    INTAKE_ITEM_CONFLICT,
    INTAKE_BATCH_NOT_FOUND,
    INTAKE_FOLDER_NAME_INVALID,
    INTAKE_BATCH_ABANDONED,
    DOSSIER_EVENT_INVALID,
    DOSSIER_STATUS_UNKNOWN,
    DOSSIER_EVENT_CONFLICT,
    DOSSIER_EVENT_NOT_FOUND,
    DOSSIER_EVENT_NOT_REPLAYABLE,
    DOSSIER_EVENT_NOT_SKIPPABLE,
    DOSSIER_QUEUE_UNAVAILABLE,
    ONLINE_DOSSIER_CODE_INVALID,
    ONLINE_DOSSIER_NOT_FOUND,
    ONLINE_DOSSIER_NOT_REPLAYABLE,
    DEAD_LETTER_NOT_FOUND,
    DEAD_LETTER_NOT_RETRYABLE,
    /** More partner requests in progress than the gateway takes at once: refused at once, before any work, to retry shortly. */
    GATEWAY_BUSY,
    INTERNAL_ERROR;

    /** The code's HTTP status, from the built-in catalogue. */
    public int httpStatus() {
        return ErrorCatalogue.builtIn(this).status();
    }

    /** The code's catalogue entry (status and sentences). */
    public CodedError entry() {
        return ErrorCatalogue.builtIn(this);
    }
}
