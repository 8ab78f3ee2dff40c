package vn.lienthong.gateway.edata;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.UUID;

/**
 * A document as the store keeps it: its metadata, the hash of its content and the gateway's
 * detached CMS signature over that content. The content itself is read with {@link EdataStore#read}.
 *
 * @param status          the effective status: {@link DocumentStatus#EXPIRED} when stored VALID and
 *                        {@code validUntil} is before the day it was read, {@link DocumentStatus#NOT_YET_VALID}
 *                        when stored VALID and {@code validFrom} is after it
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

    /**
     * Which of two documents in force is offered when both would do: the most recent issue date, then the
     * longest validity (no end beats any end), then the latest deposit. The first of a list sorted by it is
     * the one to offer; {@code validOnly} searches answer in this order.
     */
    public static final Comparator<StoredDocument> PREFERRED = Comparator
            .comparing(StoredDocument::issueDate, Comparator.reverseOrder())
            .thenComparing(StoredDocument::validUntil, Comparator.nullsFirst(Comparator.<LocalDate>reverseOrder()))
            .thenComparing(StoredDocument::depositedAt, Comparator.nullsLast(Comparator.reverseOrder()));

    /**
     * True when in force on the day it was read (Vietnam time): stored VALID (neither revoked nor
     * superseded) and {@code validFrom ≤ today ≤ validUntil}, both days included.
     */
    public boolean isValid() {
        return status == DocumentStatus.VALID;
    }

    /** The effective status on {@code today}: EXPIRED or NOT_YET_VALID derived from the dates of a stored VALID document. */
    static DocumentStatus effective(DocumentStatus stored, LocalDate validFrom, LocalDate validUntil, LocalDate today) {
        if (stored != DocumentStatus.VALID) {
            return stored;
        }
        if (validUntil != null && validUntil.isBefore(today)) {
            return DocumentStatus.EXPIRED;
        }
        if (validFrom != null && validFrom.isAfter(today)) {
            return DocumentStatus.NOT_YET_VALID;
        }
        return DocumentStatus.VALID;
    }

    @Override
    public String toString() {
        return "StoredDocument[" + id + ", " + ownerType + " " + OwnerType.masked(ownerId) + ", " + typeCode + " " + number + ", " + status + "]";
    }
}
