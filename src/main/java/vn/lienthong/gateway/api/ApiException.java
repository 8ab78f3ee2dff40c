package vn.lienthong.gateway.api;

/**
 * A refusal a partner can see: a stable {@link ErrorCode} and a human sentence.
 * The sentence must never carry a personal identifier in clear.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ApiException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
