package vn.lienthong.gateway.intake;

/** The manifest itself is unusable (malformed, hostile, not valid against the schema, wrong partner): the whole batch goes to error/. */
public class ManifestRejectedException extends RuntimeException {

    public ManifestRejectedException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
