package vn.lienthong.gateway.security.messagelog;

import java.time.Instant;

/**
 * One row of {@code message_log_seal}: the gateway's signature over the last record hash of a range
 * of records. Because each record's hash covers the one before it, a seal vouches for every record
 * up to {@code lastSeq}; the range ({@code firstSeq}) says which records this seal adds.
 */
record Seal(long sealNo, long firstSeq, long lastSeq, String lastRecordHash, Instant sealedAt, byte[] signature) {
}
