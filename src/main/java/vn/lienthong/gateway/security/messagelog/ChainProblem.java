package vn.lienthong.gateway.security.messagelog;

/** The kinds of damage the {@link MessageLogVerifier} recognises, as stable codes. */
public enum ChainProblem {
    /** A sequence number is missing: a record was deleted (or the tail cut off). */
    MISSING_RECORD,
    /** A record's fields (or its kept body) no longer give its stored hash: it was edited. */
    ALTERED_RECORD,
    /** A record's prev_hash is not the previous record's hash: records were moved, swapped or re-linked. */
    RELINKED_RECORD,
    /** A seal number is missing: a seal was deleted. */
    MISSING_SEAL,
    /** A seal does not fit the chain: its range or its last record hash differ from what is stored (history rewritten). */
    SEAL_MISMATCH,
    /** A seal's signature is invalid or its signer is not trusted. */
    SEAL_SIGNATURE_INVALID,
    /** The chain head row disagrees with the last record or the last seal. */
    HEAD_MISMATCH,
    /** The chain ends before a seal anchored outside the database: the newest records (and seals) were cut off. */
    TRUNCATED,
    /** The record or seal at an anchored position is not the one anchored: the chain was cut off there and continued. */
    ANCHOR_MISMATCH
}
