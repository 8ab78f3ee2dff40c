package vn.lienthong.gateway.edata;

/**
 * What the gateway found about the issuer's own signature inside a deposited PDF (a signature
 * dictionary with {@code /ByteRange} and {@code /Contents}). A PDF without one has none: the
 * document's {@code embeddedSignature} is then null.
 *
 * @param verdict       see {@link Verdict}
 * @param signerSubject the signer certificate's subject, when the signature could be read that far
 * @param reason        a human sentence, null when valid
 */
public record EmbeddedSignature(Verdict verdict, String signerSubject, String reason) {

    public enum Verdict {
        /** The signature matches the signed bytes, covers the whole file, and its signer chains to a trusted CA. */
        VALID,
        /** The signed bytes were changed after signing (the signature does not match them). */
        INVALID,
        /**
         * The gateway cannot vouch either way: the signer does not chain to a CA it trusts, the
         * signature cannot be read, or it covers only part of the file (bytes appended after signing).
         */
        UNVERIFIABLE
    }
}
