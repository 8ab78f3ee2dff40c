package vn.lienthong.gateway.reuse;

/** The procedure catalogue is malformed: start-up stops with the file, the line and the reason. */
public class ProcedureFileException extends RuntimeException {

    public ProcedureFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }
}
