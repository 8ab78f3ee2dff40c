package vn.lienthong.gateway.crypto;

import java.time.Instant;

/**
 * What {@link CmsVerifier} found about a detached signature.
 *
 * @param valid         true only if the signature matches the content AND the signer's certificate chains to a trusted CA
 * @param problem       why not, as a stable code; null when valid
 * @param signerSubject the signer certificate's subject, when the signature was readable enough to name it
 * @param signingTime   the signing-time attribute, when present (asserted by the signer, not by a time-stamp authority)
 * @param reason        a human sentence; null when valid
 */
public record SignatureCheck(boolean valid, Problem problem, String signerSubject, Instant signingTime, String reason) {

    /** Why a signature was refused. */
    public enum Problem {
        /** Not a CMS signature, several signers, or the signer's certificate is not included. */
        SIGNATURE_MALFORMED,
        /** The signature does not match the content: the content (or the signature) was altered. */
        CONTENT_MISMATCH,
        /** The signer's certificate does not chain to a trusted CA, or may not sign. */
        SIGNER_UNTRUSTED,
        /** The signer's certificate (or one of its CAs) was expired or not yet valid at the validation time. */
        SIGNER_CERTIFICATE_INVALID
    }

    static SignatureCheck valid(String signerSubject, Instant signingTime) {
        return new SignatureCheck(true, null, signerSubject, signingTime, null);
    }

    static SignatureCheck invalid(Problem problem, String signerSubject, Instant signingTime, String reason) {
        return new SignatureCheck(false, problem, signerSubject, signingTime, reason);
    }
}
