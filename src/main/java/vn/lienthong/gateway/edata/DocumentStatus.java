package vn.lienthong.gateway.edata;

/**
 * The state of a stored document. REVOKED and SUPERSEDED are stored; EXPIRED and NOT_YET_VALID never
 * are: they are derived at read time from {@code validFrom} and {@code validUntil} against today in
 * Vietnam time ({@link EdataStore#VIETNAM}), so that nothing has to run at midnight to keep them true.
 * A document is in force (effective status VALID) on every day from {@code validFrom} to
 * {@code validUntil}, both included.
 */
public enum DocumentStatus {
    VALID,
    REVOKED,
    SUPERSEDED,
    /** Stored VALID, but {@code validUntil} is before today: in force until yesterday at the latest. */
    EXPIRED,
    /** Stored VALID, but {@code validFrom} is after today: issued, not in force yet. */
    NOT_YET_VALID
}
