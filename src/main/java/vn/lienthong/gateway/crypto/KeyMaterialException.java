package vn.lienthong.gateway.crypto;

/**
 * The gateway's keys or trusted CAs cannot be loaded as configured. Thrown at start-up, so that a
 * gateway that could not sign or verify never starts; the message names the property to fix.
 */
public class KeyMaterialException extends RuntimeException {

    public static final String CODE = "KEY_MATERIAL_INVALID";

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }

    public String code() {
        return CODE;
    }
}
