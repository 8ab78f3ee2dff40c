package vn.lienthong.gateway.axis;

import java.time.Instant;
import java.util.List;

/**
 * A document the province sent over the axis, with its signed package and where its delivery stands.
 * States: QUEUED (durable, not yet accepted by the axis), SENT (the axis accepted it),
 * DELIVERY_FAILED (retries exhausted, dead-lettered; can be replayed).
 */
public record SentDocument(String id, String documentId, String fromOrgan, List<String> toOrgans, String subject,
                           String state, byte[] packageXml, String packageSha256, String requester, String axisId,
                           int attempts, String lastError, Instant createdAt, Instant updatedAt) {

    public static final String QUEUED = "QUEUED";
    public static final String SENT = "SENT";
    public static final String DELIVERY_FAILED = "DELIVERY_FAILED";

    /** One status feedback received for this document. */
    public record Trace(String statusCode, String organId, String description, String statusTime, Instant recordedAt) {
    }
}
