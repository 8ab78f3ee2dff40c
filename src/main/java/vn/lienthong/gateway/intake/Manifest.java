package vn.lienthong.gateway.intake;

import java.util.List;

/**
 * A batch's {@code manifest.xml}, read and checked against {@code intake/manifest-1.0.xsd}.
 *
 * @param batchId the partner's batch id; with the partner, the key of the batch's progress and idempotency
 * @param partner the digitization partner's id, as named in the manifest
 * @param items   in manifest order; item ids and file names are unique (the schema says so)
 */
public record Manifest(String batchId, String partner, List<ManifestItem> items) {

    public Manifest {
        items = List.copyOf(items);
    }
}
