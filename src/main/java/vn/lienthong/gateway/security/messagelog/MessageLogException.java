package vn.lienthong.gateway.security.messagelog;

/**
 * The exchange could not be recorded: the log is full, shut down, or its database refused the batch.
 * The caller must not tell its partner "accepted": every exchange leaves a trace or does not happen.
 * Maps to HTTP 503 with the code {@value #CODE}.
 */
public class MessageLogException extends RuntimeException {

    public static final String CODE = "MESSAGE_LOG_UNAVAILABLE";

    public MessageLogException(String message) {
        super(message);
    }

    public MessageLogException(String message, Throwable cause) {
        super(message, cause);
    }

    public String code() {
        return CODE;
    }
}
