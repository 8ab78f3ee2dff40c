package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Events out: when Kafka is configured ({@code gateway.kafka.enabled}), every accepted dossier event and
 * every delivery outcome becomes a small JSON record on the outcomes topic, keyed by dossier code, for
 * dashboards and other consumers (routes/dossier-kafka.camel.yaml).
 * <p>
 * The record is first put on the persistent Artemis queue {@code dossier.outcomes} in the message group
 * of its dossier code, in the caller's step (inside the delivery's JMS transaction when called from the
 * delivery route), so an outcome is never lost while Kafka is down and a dossier's outcomes reach the
 * topic in the order they happened. When Kafka is not configured nothing is recorded.
 */
@Component("dossierOutcomes")
public class DossierOutcomes {

    /** What became of an event. */
    public enum Outcome { ACCEPTED, HELD, DELIVERED, FAILED, REQUEUED, SKIPPED }

    static final String ROUTE = "direct:dossier-outcome";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DossierEventStore store;
    private final ProducerTemplate producer;
    private final boolean enabled;

    public DossierOutcomes(DossierEventStore store, @Lazy ProducerTemplate producer,
                           @Value("${gateway.kafka.enabled:false}") boolean enabled) {
        this.store = store;
        this.producer = producer;
        this.enabled = enabled;
    }

    /** Records the event's outcome for the topic, as the event's row now says it; fails if it cannot be recorded. */
    public void publish(String eventId, Outcome outcome) {
        if (!enabled) {
            return;
        }
        StoredEvent event = store.find(eventId).orElseThrow(() ->
                new IllegalStateException("No dossier event " + eventId + " to publish an outcome of"));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", event.eventId());
        record.put("dossierCode", event.dossierCode());
        record.put("agencyCode", event.agencyCode());
        record.put("outcome", outcome.name());
        record.put("localStatus", event.localStatus());
        record.put("nationalStatus", event.nationalStatus());
        record.put("portalService", event.portalService());
        record.put("occurredAt", event.occurredAt());
        record.put("source", event.source());
        record.put("attempts", event.attempts());
        record.put("reason", outcome == Outcome.FAILED || outcome == Outcome.HELD || outcome == Outcome.SKIPPED ? event.lastError() : null);
        record.put("at", OffsetDateTime.now(ZoneOffset.UTC).toString());
        String body;
        try {
            body = JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: the record is plain data", e);
        }
        // sendBodyAndHeaders throws when the persistent send failed: the caller's step fails with it
        producer.sendBodyAndHeaders(ROUTE, body, Map.of(DossierApi.DOSSIER_CODE, event.dossierCode(),
                DossierApi.EVENT_ID, event.eventId(), DossierApi.GROUP_ID, event.dossierCode()));
    }
}
