package vn.lienthong.gateway.intake;

import java.util.UUID;

/**
 * What became of one manifest item: accepted with the e-data document id, or refused with a code
 * and a sentence for the partner. A refused item carries a document id only for a conflict: the
 * document the item was accepted as before.
 */
public record ItemOutcome(String itemId, String file, String sha256, boolean accepted, UUID documentId, String code, String message) {

    public static ItemOutcome accepted(ManifestItem item, UUID documentId) {
        return new ItemOutcome(item.id(), item.file(), item.sha256(), true, documentId, null, null);
    }

    public static ItemOutcome refused(ManifestItem item, String code, String message) {
        return new ItemOutcome(item.id(), item.file(), item.sha256(), false, null, code, message);
    }

    /** Refused because the item was accepted before, as {@code documentId}, with other content (the receipt names that document). */
    public static ItemOutcome conflict(ManifestItem item, UUID documentId, String code, String message) {
        return new ItemOutcome(item.id(), item.file(), item.sha256(), false, documentId, code, message);
    }
}
