package vn.lienthong.gateway.axis.edxml;

/** Namespaces of edXML and of its signature. */
public final class EdXmlNames {

    public static final String NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016";
    public static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

    private EdXmlNames() {
    }
}
