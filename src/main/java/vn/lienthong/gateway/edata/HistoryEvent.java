package vn.lienthong.gateway.edata;

import java.time.Instant;
import java.util.UUID;

/**
 * One line of a document's history ({@code edata_event}): DEPOSITED, REVOKED, SUPERSEDED,
 * SUPERSEDES, TAMPERED (a read refused). Only ever appended.
 *
 * @param relatedId the other document of a supersession, else null
 */
public record HistoryEvent(UUID documentId, String event, Instant at, String actor, String detail, UUID relatedId) {
}
