package vn.lienthong.gateway.edata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A document as the store keeps it: its metadata, the hash of its content and the gateway's
 * detached CMS signature over that content. The content itself is read with {@link EdataStore#read}.
 *
 * @param status          the effective status: {@link DocumentStatus#EXPIRED} when stored VALID and
 *                        {@code validUntil} is before the day it was read
 * @param storedStatus    the status as stored (never EXPIRED)
 * @param supersededBy    the replacement, when SUPERSEDED
 * @param signature       DER-encoded detached CMS over the content, by the gateway
 * @param signerSubject   the subject of the certificate that made {@code signature}
 * @param embeddedSignature the issuer's signature inside the PDF, checked at deposit; null when there is none
 */
public record StoredDocument(
        UUID id,
        OwnerType ownerType,
        String ownerId,
        String typeCode,
        String number,
        String title,
        String issuingAgency,
        LocalDate issueDate,
        LocalDate validFrom,
        LocalDate validUntil,
        DocumentStatus status,
        DocumentStatus storedStatus,
        UUID supersededBy,
        Source source,
        String mediaType,
        long size,
        String sha256,
        byte[] signature,
        String signerSubject,
        EmbeddedSignature embeddedSignature,
        Instant depositedAt,
        String depositor) {

    /** True when usable today: stored VALID and not expired. */
    public boolean isValid() {
        return status == DocumentStatus.VALID;
    }

    @Override
    public String toString() {
        return "StoredDocument[" + id + ", " + ownerType + " " + OwnerType.masked(ownerId) + ", " + typeCode + " " + number + ", " + status + "]";
    }
}
