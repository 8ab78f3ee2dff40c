package vn.lienthong.gateway.security.messagelog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import vn.lienthong.gateway.crypto.Hashes;

/**
 * One exchange to record: who, what, when, the hashes of what was said, and the outcome.
 * Build it with {@link #inbound(String)} or {@link #outbound(String)}.
 * <p>
 * Every value is checked here, before the entry is queued, so that one bad entry can never make
 * the database refuse a whole batch of other callers' entries. Times are kept to the microsecond,
 * the precision the database keeps, so that a record's hash is the same before and after storage.
 *
 * @param requestId    the correlation id (X-Request-Id), 1–64 characters
 * @param partnerId    the partner that called us, or that we called, 1–64 characters
 * @param service      the service or operation, 1–100 characters
 * @param requestHash  SHA-256 (hex) of the request body; null when there was no body
 * @param responseHash SHA-256 (hex) of the response body; null when there was no body
 * @param outcome      {@code OK} or an error code, 1–40 characters
 * @param httpStatus   the HTTP status, when the exchange was HTTP; else null
 * @param requestBody  the body itself, stored only when {@code gateway.message-log.keep-bodies} is true
 * @param responseBody likewise
 */
public record MessageLogEntry(
        String requestId,
        Direction direction,
        String partnerId,
        String service,
        Instant startedAt,
        Instant finishedAt,
        String requestHash,
        String responseHash,
        String outcome,
        Integer httpStatus,
        byte[] requestBody,
        byte[] responseBody) {

    public MessageLogEntry {
        requestId = text("requestId", requestId, 64);
        Objects.requireNonNull(direction, "direction");
        partnerId = text("partnerId", partnerId, 64);
        service = text("service", service, 100);
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MICROS);
        finishedAt = Objects.requireNonNull(finishedAt, "finishedAt").truncatedTo(ChronoUnit.MICROS);
        requestHash = hash("requestHash", requestHash, requestBody);
        responseHash = hash("responseHash", responseHash, responseBody);
        outcome = text("outcome", outcome, 40);
        if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
            throw new IllegalArgumentException("httpStatus must be 100-599, was " + httpStatus);
        }
    }

    /** An exchange a partner started with the gateway. */
    public static Builder inbound(String requestId) {
        return new Builder(requestId, Direction.INBOUND);
    }

    /** An exchange the gateway started with a partner. */
    public static Builder outbound(String requestId) {
        return new Builder(requestId, Direction.OUTBOUND);
    }

    private static String text(String name, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " is longer than " + maxLength + " characters");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(name + " contains a NUL character");
        }
        return value;
    }

    private static String hash(String name, String hash, byte[] body) {
        if (body != null) {
            String actual = Hashes.sha256Hex(body);
            if (hash != null && !hash.equals(actual)) {
                throw new IllegalArgumentException(name + " is not the SHA-256 of the body given with it");
            }
            return actual;
        }
        if (hash != null && !Hashes.isSha256Hex(hash)) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex digits");
        }
        return hash;
    }

    /** Builds an entry step by step; {@code finishedAt} defaults to the moment of {@link #build()}. */
    public static final class Builder {
        private final String requestId;
        private final Direction direction;
        private String partnerId;
        private String service;
        private Instant startedAt;
        private Instant finishedAt;
        private String requestHash;
        private String responseHash;
        private byte[] requestBody;
        private byte[] responseBody;
        private String outcome = "OK";
        private Integer httpStatus;

        private Builder(String requestId, Direction direction) {
            this.requestId = requestId;
            this.direction = direction;
        }

        public Builder partner(String partnerId) {
            this.partnerId = partnerId;
            return this;
        }

        public Builder service(String service) {
            this.service = service;
            return this;
        }

        public Builder started(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder finished(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        /** The request body: hashed now; kept only if the log is configured to keep bodies. */
        public Builder requestBody(byte[] body) {
            this.requestBody = body;
            return this;
        }

        /** For a body that was streamed and hashed on the way ({@link Hashes#sha256Hex(java.io.InputStream)}). */
        public Builder requestHash(String sha256Hex) {
            this.requestHash = sha256Hex;
            return this;
        }

        public Builder responseBody(byte[] body) {
            this.responseBody = body;
            return this;
        }

        public Builder responseHash(String sha256Hex) {
            this.responseHash = sha256Hex;
            return this;
        }

        public Builder outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder httpStatus(Integer httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        public MessageLogEntry build() {
            Instant finished = finishedAt != null ? finishedAt : Instant.now();
            return new MessageLogEntry(requestId, direction, partnerId, service, startedAt != null ? startedAt : finished,
                    finished, requestHash, responseHash, outcome, httpStatus, requestBody, responseBody);
        }
    }
}
