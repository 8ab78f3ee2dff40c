package vn.lienthong.gateway.xml;

/** XML that the hardened parser refused: malformed, or carrying a DOCTYPE / entity declaration. */
public class XmlRejectedException extends RuntimeException {

    public XmlRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
