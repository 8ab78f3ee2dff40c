package vn.lienthong.gateway.edata;

/**
 * The state of a stored document. REVOKED and SUPERSEDED are stored; EXPIRED never is: it is
 * derived at read time from {@code validUntil}, so that nothing has to run at midnight to keep it true.
 */
public enum DocumentStatus {
    VALID,
    REVOKED,
    SUPERSEDED,
    EXPIRED
}
