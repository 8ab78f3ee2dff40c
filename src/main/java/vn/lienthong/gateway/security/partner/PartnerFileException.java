package vn.lienthong.gateway.security.partner;

/** The partner file is malformed: start-up stops with the file, the line and the reason. */
public class PartnerFileException extends RuntimeException {

    public PartnerFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }
}
