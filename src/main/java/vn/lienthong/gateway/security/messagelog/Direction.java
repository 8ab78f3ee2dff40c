package vn.lienthong.gateway.security.messagelog;

/** Which way an exchange went, seen from the gateway. */
public enum Direction {
    /** A partner called the gateway. */
    INBOUND,
    /** The gateway called a partner (a national system, the document axis, ...). */
    OUTBOUND
}
