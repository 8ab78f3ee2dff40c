package vn.lienthong.gateway.intake;

import java.time.Instant;

/**
 * A batch's state as the progress API and the metrics show it. {@code accepted} and {@code refused}
 * count the items decided in the latest delivery; {@code pending} the rest.
 *
 * @param state RUNNING while items are being checked and stored, RETRYING when the last attempt
 *              stopped on a failure of the store or the server (it resumes on a later poll), COMPLETED
 */
public record BatchProgress(String partner, String batchId, String folder, String state, int total, int accepted, int refused,
                            int deliveries, Instant startedAt, Instant finishedAt, String lastError) {

    public int pending() {
        // a completed batch has nothing pending, even when an item's latest outcome left its ACCEPTED row untouched (a conflict)
        return "COMPLETED".equals(state) ? 0 : Math.max(0, total - accepted - refused);
    }
}
