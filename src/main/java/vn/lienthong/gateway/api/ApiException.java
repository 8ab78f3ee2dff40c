package vn.lienthong.gateway.api;

/**
 * A refusal a partner can see: a stable code and a human sentence. The code is a built-in {@link ErrorCode} or one an
 * integrator added to the error-code catalogue ({@link ErrorCatalogue}); either way its HTTP status is the catalogue's.
 * The sentence must never carry a personal identifier in clear.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final CodedError entry;

    public ApiException(ErrorCode code, String message) {
        super(message);
        this.code = code;
        this.entry = code.entry();
    }

    public ApiException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.entry = code.entry();
    }

    /** A refusal with a catalogue code (built-in or added by an integrator) and its own sentence. */
    public ApiException(CodedError entry, String message) {
        super(message);
        ErrorCode builtIn = null;
        for (ErrorCode candidate : ErrorCode.values()) {
            if (candidate.name().equals(entry.code())) {
                builtIn = candidate;
            }
        }
        this.code = builtIn;
        this.entry = entry;
    }

    /** The built-in code; null for a code an integrator added (see {@link #codeName()}). */
    public ErrorCode code() {
        return code;
    }

    /** The code as the partner sees it, built-in or added. */
    public String codeName() {
        return entry.code();
    }

    /** The catalogue entry of the code: HTTP status and sentences. */
    public CodedError entry() {
        return entry;
    }

    public int httpStatus() {
        return entry.status();
    }
}
