package vn.lienthong.gateway.security.messagelog;

/**
 * What the {@link MessageLogVerifier} found.
 *
 * @param ok                 true when the whole chain and every seal are intact
 * @param recordsChecked     records found intact before the first problem (all of them when ok)
 * @param sealsChecked       seals found intact before the first problem
 * @param lastSealedSequence the last record covered by a valid seal; the records after it rest on the chain alone
 * @param problem            the first problem met, in sequence order; null when ok
 * @param problemSequence    the sequence number where that problem is; null when ok
 * @param message            a sentence for a human
 * @param durationMillis     how long the verification took
 * @param anchoredSeal       the furthest seal anchored outside the database that the chain was checked against; null without anchor
 * @param anchoredSequence   the last record that anchored seal covers; null without anchor
 */
public record VerificationResult(
        boolean ok,
        long recordsChecked,
        long sealsChecked,
        long lastSealedSequence,
        ChainProblem problem,
        Long problemSequence,
        String message,
        long durationMillis,
        Long anchoredSeal,
        Long anchoredSequence) {
}
