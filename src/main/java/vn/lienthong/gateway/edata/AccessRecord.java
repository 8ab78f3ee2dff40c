package vn.lienthong.gateway.edata;

import java.time.Instant;
import java.util.UUID;

/**
 * One read attempt of a document, served or refused: what an owner sees in "who read my documents".
 *
 * @param sequence its place in the access log: increasing, the paging cursor
 * @param outcome  SERVED, TAMPERED (refused) or NOT_FOUND
 */
public record AccessRecord(
        long sequence,
        UUID documentId,
        OwnerType ownerType,
        String ownerId,
        String requester,
        String purpose,
        String dossierCode,
        boolean explicitRequest,
        Instant readAt,
        String outcome) {
}
