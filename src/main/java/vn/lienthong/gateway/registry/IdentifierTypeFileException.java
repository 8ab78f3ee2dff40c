package vn.lienthong.gateway.registry;

/** The identifier-type file is malformed: start-up stops with the file, the line and the reason. */
public class IdentifierTypeFileException extends RuntimeException {

    public IdentifierTypeFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }
}
