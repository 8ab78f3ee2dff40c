package vn.lienthong.gateway.edata;

/** How a document reached the store. */
public enum Channel {
    /** Digitized at a one-stop desk. */
    DESK,
    /** A digitization partner's batch over SFTP. */
    SFTP_BATCH,
    /** From the National Public Service Portal. */
    NATIONAL_PORTAL,
    /** A result from the provincial one-stop system. */
    IGATE
}
