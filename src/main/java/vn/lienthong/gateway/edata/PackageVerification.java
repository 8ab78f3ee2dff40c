package vn.lienthong.gateway.edata;

/**
 * What {@link EdataPackageVerifier} found.
 *
 * @param ok         true only when every check passed
 * @param problem    the first problem found, null when ok
 * @param file       the package entry the problem is about, when there is one
 * @param message    a human sentence
 * @param documentId the document id the manifest states, when it could be read
 */
public record PackageVerification(boolean ok, Problem problem, String file, String message, String documentId) {

    public enum Problem {
        /** Not a zip, or an entry is missing, duplicated, unexpected, too large or has a dangerous name. */
        PACKAGE_MALFORMED,
        /** The manifest's signature does not verify or its signer is not trusted. */
        MANIFEST_SIGNATURE_INVALID,
        /** A file's SHA-256 differs from the manifest's: the file was changed. */
        HASH_MISMATCH,
        /** The gateway's signature over the content does not verify or its signer is not trusted. */
        CONTENT_SIGNATURE_INVALID,
        /** The metadata contradicts the content (hash or size) or the manifest (document id). */
        METADATA_MISMATCH
    }

    static PackageVerification ok(String documentId) {
        return new PackageVerification(true, null, null, "The package is intact and its signatures verify.", documentId);
    }

    static PackageVerification refused(Problem problem, String file, String message, String documentId) {
        return new PackageVerification(false, problem, file, message, documentId);
    }
}
