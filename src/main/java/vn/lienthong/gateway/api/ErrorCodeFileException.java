package vn.lienthong.gateway.api;

/** An error-code catalogue file is malformed: start-up stops with the file, the line and the reason. */
public class ErrorCodeFileException extends RuntimeException {

    public ErrorCodeFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }
}
