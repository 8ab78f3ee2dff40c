package vn.lienthong.gateway.security.messagelog;

import java.time.Instant;

/**
 * One row of {@code message_log} as stored: the entry's fields, its place in the chain and its hash.
 * Plain values, unchecked, because the verifier must be able to hold a tampered row too.
 */
record StoredRecord(
        long sequence,
        String requestId,
        String direction,
        String partnerId,
        String service,
        Instant startedAt,
        Instant finishedAt,
        String requestHash,
        String responseHash,
        String outcome,
        Integer httpStatus,
        String prevHash,
        String recordHash) {

    /** The record that appends {@code entry} at {@code sequence} after a record whose hash is {@code prevHash}. */
    static StoredRecord chain(long sequence, MessageLogEntry entry, String prevHash) {
        StoredRecord unhashed = new StoredRecord(sequence, entry.requestId(), entry.direction().name(), entry.partnerId(),
                entry.service(), entry.startedAt(), entry.finishedAt(), entry.requestHash(), entry.responseHash(),
                entry.outcome(), entry.httpStatus(), prevHash, null);
        return unhashed.withRecordHash(ChainEncoding.recordHash(unhashed));
    }

    StoredRecord withRecordHash(String hash) {
        return new StoredRecord(sequence, requestId, direction, partnerId, service, startedAt, finishedAt,
                requestHash, responseHash, outcome, httpStatus, prevHash, hash);
    }

    /** The hash this record's fields give, to compare with the {@code record_hash} stored with them. */
    String computedHash() {
        return ChainEncoding.recordHash(this);
    }
}
