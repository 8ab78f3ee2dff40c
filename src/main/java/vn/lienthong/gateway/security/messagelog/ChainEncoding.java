package vn.lienthong.gateway.security.messagelog;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import vn.lienthong.gateway.crypto.Hashes;

/**
 * The exact bytes that are hashed (records) and signed (seals). Written down here so that anyone
 * can re-implement the verifier from this comment alone.
 * <p>
 * An encoding is a sequence of fields. Each field is a 4-byte big-endian signed length followed by
 * that many bytes of UTF-8; a missing (SQL NULL) value is the length -1 and no bytes. Numbers are
 * written as decimal text, instants as the decimal number of microseconds since 1970-01-01T00:00Z.
 * The first field is a tag naming the structure and its version. Because every field carries its
 * length, no two different records can produce the same bytes ("ab"+"c" is not "a"+"bc").
 * <ul>
 *   <li>record: {@code "lienthong-message-log-record-v1", seq, request_id, direction, partner_id, service,
 *       started_at, finished_at, request_hash, response_hash, outcome, http_status, prev_hash};
 *       {@code record_hash} = lower-case hex SHA-256 of these bytes.</li>
 *   <li>seal: {@code "lienthong-message-log-seal-v1", seal_no, first_seq, last_seq, last_record_hash, sealed_at};
 *       {@code signature} = detached CMS signature of these bytes.</li>
 * </ul>
 * The first record's {@code prev_hash} is {@link #GENESIS_HASH}, 64 zeros.
 */
final class ChainEncoding {

    static final String GENESIS_HASH = "0".repeat(64);
    private static final String RECORD_TAG = "lienthong-message-log-record-v1";
    private static final String SEAL_TAG = "lienthong-message-log-seal-v1";

    private ChainEncoding() {
    }

    static String recordHash(StoredRecord record) {
        return Hashes.sha256Hex(record(record));
    }

    static byte[] record(StoredRecord r) {
        return new Fields()
                .text(RECORD_TAG)
                .number(r.sequence())
                .text(r.requestId())
                .text(r.direction())
                .text(r.partnerId())
                .text(r.service())
                .instant(r.startedAt())
                .instant(r.finishedAt())
                .text(r.requestHash())
                .text(r.responseHash())
                .text(r.outcome())
                .number(r.httpStatus())
                .text(r.prevHash())
                .bytes();
    }

    static byte[] seal(Seal s) {
        return new Fields()
                .text(SEAL_TAG)
                .number(s.sealNo())
                .number(s.firstSeq())
                .number(s.lastSeq())
                .text(s.lastRecordHash())
                .instant(s.sealedAt())
                .bytes();
    }

    /** Length-prefixed fields, as described in the class comment. */
    private static final class Fields {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(buffer);

        Fields text(String value) {
            try {
                if (value == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
        }

        Fields number(Number value) {
            return text(value == null ? null : value.toString());
        }

        Fields instant(Instant value) {
            return number(value == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, value));
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
