package vn.lienthong.gateway.edata;

/** The document type catalogue is malformed: start-up stops with the file, the line and the reason. */
public class DocumentTypeFileException extends RuntimeException {

    public DocumentTypeFileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
    }
}
