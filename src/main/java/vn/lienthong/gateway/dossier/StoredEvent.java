package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;

/** One row of dossier_event. */
public record StoredEvent(String eventId, long seq, String dossierCode, String agencyCode, String localStatus,
                          int nationalStatus, String portalService, String occurredAt, String source,
                          String payloadSha256, String payload, EventState state, int attempts, String lastError,
                          OffsetDateTime acceptedAt, OffsetDateTime updatedAt, OffsetDateTime deliveredAt) {
}
