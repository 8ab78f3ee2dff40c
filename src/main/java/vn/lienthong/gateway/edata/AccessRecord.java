package vn.lienthong.gateway.edata;

import java.time.Instant;
import java.util.UUID;

/**
 * One read attempt of a document, served or refused, or one use of the owner's papers by a reuse
 * check: what an owner sees in "who read my documents".
 *
 * @param sequence      its place in the access log: increasing, the paging cursor
 * @param documentId    the document read or offered; null for {@code REGISTRY_FACTS}
 * @param requester     the partner (agency) that asked
 * @param outcome       SERVED, TAMPERED (refused) or NOT_FOUND for a content read; OFFERED (the document was
 *                      shown to an officer by a reuse check) or REGISTRY_FACTS (a registry's facts about the
 *                      owner stood in for a paper in a reuse check)
 * @param officer       the officer at the partner, when known (reuse checks)
 * @param procedureCode the procedure the use served, when known (reuse checks)
 * @param documentType  the paper the procedure asked for (reuse checks)
 * @param registry      the registry whose facts were used (REGISTRY_FACTS)
 * @param requestId     the correlation id of the request (a reuse check's checkId)
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
        String outcome,
        String officer,
        String procedureCode,
        String documentType,
        String registry,
        String requestId) {
}
