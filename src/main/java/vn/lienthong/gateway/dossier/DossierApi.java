package vn.lienthong.gateway.dossier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.AnswerRecord;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.JsonAnswer;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.api.TextRule;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.dossier.model.DossierEvent;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogException;

/**
 * The steps of the dossier routes (routes/dossier-sync.camel.yaml) that face iGate: accept an event
 * (HTTP, the Artemis intake queue or the Kafka intake topic), replay or skip a dead-lettered one, show a dossier's synchronisation.
 * <p>
 * Accepting is: read and validate (nothing is written for an invalid event), map the local status,
 * write the event as RECEIVED (in the message log's group commit), put it on the persistent queue {@code dossier.events} in the message
 * group of its dossier code, mark it QUEUED, and only then answer 202. A repeated event id is answered
 * 202 again without a second delivery.
 */
@Component("dossierApi")
public class DossierApi {

    /** Exchange property: true when the event must be put on the delivery queue. */
    public static final String ENQUEUE = "dossierEnqueue";
    /** Headers of a queued event (the only headers it carries). */
    public static final String EVENT_ID = "DossierEventId";
    public static final String DOSSIER_CODE = "DossierCode";
    public static final String GROUP_ID = "JMSXGroupID";
    private static final String OUTCOME = "dossierIntakeOutcome";
    private static final String KAFKA_COMMIT = "dossierKafkaCommit";
    private static final String SOURCE = "dossierIntakeSource";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DossierEventReader reader;
    private final StatusCodeTable statuses;
    private final DossierEventStore store;
    private final MessageLog messageLog;
    private final DossierResults results;
    private final DossierOutcomes outcomes;

    public DossierApi(DossierEventReader reader, StatusCodeTable statuses, DossierEventStore store, MessageLog messageLog,
                      DossierResults results, DossierOutcomes outcomes) {
        this.reader = reader;
        this.messageLog = messageLog;
        this.statuses = statuses;
        this.store = store;
        this.results = results;
        this.outcomes = outcomes;
    }

    /** POST /api/v1/dossier-events — JSON or XML (by Content-Type). */
    public void accept(Exchange exchange) {
        RequestContext.open(exchange, "dossier.events");
        Message in = exchange.getMessage();
        DossierEvent event = reader.read(in.getBody(byte[].class), in.getHeader(Exchange.CONTENT_TYPE, String.class));
        intake(exchange, event, "HTTP");
    }

    /** An event from the Artemis intake queue (dossier.events.in): the same contract, JSON or XML by its first character. */
    public void acceptMessage(Exchange exchange) {
        acceptQueued(exchange, "JMS");
    }

    /**
     * An event from the Kafka intake topic: the same contract. The record's offset is committed by
     * {@link #commitRecord} only once the event is durable here (or dead-lettered), so a crash in between
     * reads the record again and the event id makes the second intake a repeat.
     */
    public void acceptRecord(Exchange exchange) {
        exchange.setProperty(KAFKA_COMMIT, exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        Object key = exchange.getMessage().getHeader(KafkaConstants.KEY);
        DossierEvent event = readQueued(exchange);
        if (!event.dossierCode.equals(key == null ? null : key.toString())) {
            // a record keyed otherwise may sit in another partition than the dossier's earlier events and overtake them
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, (key == null ? "The record has no key, not" : "The record's key '" + key
                    + "' is not") + " its dossier code '" + event.dossierCode + "': iGate keys each record by dossier code, so that a"
                    + " dossier's events stay in one partition and in order.");
        }
        intake(exchange, event, "KAFKA");
    }

    /** Commits the Kafka offset of the record this exchange came from (synchronously: it returns once Kafka has it). */
    public void commitRecord(Exchange exchange) {
        KafkaManualCommit commit = exchange.getProperty(KAFKA_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("The record carries no manual commit: the Kafka intake must run with allowManualCommit");
        }
        commit.commit();
    }

    private void acceptQueued(Exchange exchange, String source) {
        intake(exchange, readQueued(exchange), source);
    }

    private DossierEvent readQueued(Exchange exchange) {
        exchange.setProperty(RequestContext.SERVICE, "dossier.events");
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).stripLeading();
        return text.startsWith("<") ? reader.readXml(body) : reader.readJson(body);
    }

    private void intake(Exchange exchange, DossierEvent event, String source) {
        event.nationalStatus = statuses.nationalStatus(event.localStatus).orElseThrow(() -> new ApiException(
                ErrorCode.DOSSIER_STATUS_UNKNOWN, "Field 'localStatus' is not valid: '" + event.localStatus
                + "' is not in the province's status table (mappings/dossier-status-codes.yaml)."));
        // result PDFs go into the e-data store now: the queued event names them, it does not carry them
        results.depositAtIntake(event, exchange.getProperty(RequestContext.REQUESTER, "igate", String.class));
        String payload = reader.toXml(event);
        String sha = Hashes.sha256Hex(payload.getBytes(StandardCharsets.UTF_8));
        DossierEventStore.Intake outcome = receive(event, payload, sha, source);
        if (outcome == DossierEventStore.Intake.CONFLICT) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_CONFLICT, "Event " + event.eventId
                    + " was already accepted with a different content; an event id names one event.");
        }
        exchange.setProperty(OUTCOME, outcome);
        exchange.setProperty(SOURCE, source);
        exchange.setProperty(ENQUEUE, outcome != DossierEventStore.Intake.DUPLICATE);
        exchange.setProperty("dossierEventId", event.eventId);
        exchange.setProperty("dossierCode", event.dossierCode);
        toQueueMessage(exchange.getMessage(), event.eventId, event.dossierCode, payload);
    }

    /**
     * The row RECEIVED, committed with the message log's next batch rather than in a commit of its own. Should that
     * batch fail (the database, or another instance inserting the same new event id at that moment), the row is
     * written on its own, which also tells a repeat by its primary key.
     */
    private DossierEventStore.Intake receive(DossierEvent event, String payload, String sha, String source) {
        DossierEventStore.Intake[] outcome = new DossierEventStore.Intake[1];
        try {
            messageLog.commitWithNextBatch(connection -> outcome[0] = store.receive(connection, event, payload, sha, source));
            return outcome[0];
        } catch (MessageLogException e) {
            return store.receive(event, payload, sha, source);
        }
    }

    /** Leaves only what the delivery queue needs: the canonical XML and the group key. */
    static void toQueueMessage(Message message, String eventId, String dossierCode, String payload) {
        message.removeHeaders("*");
        message.setHeader(EVENT_ID, eventId);
        message.setHeader(DOSSIER_CODE, dossierCode);
        // Artemis message group: one consumer at a time per dossier, on any gateway instance sharing the broker
        message.setHeader(GROUP_ID, dossierCode);
        message.setBody(payload);
    }

    /** An invalid event from the intake queue: it goes to DLQ.dossier.events.in as received, with the reason. */
    public void rejectMessage(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(DossierDelivery.REASON_HEADER, cause instanceof ApiException api
                ? api.code() + ": " + api.getMessage() : String.valueOf(cause));
    }

    /**
     * After the persistent send: the event is on the queue. For a partner's HTTP request the row is marked in the
     * transaction of the request's message-log record, which commits before the 202 (one commit fewer per event);
     * for the intake queue, at once.
     */
    public void queued(Exchange exchange) {
        String eventId = exchange.getProperty("dossierEventId", String.class);
        // the topic hears of it now (the outcome is on its persistent queue before the 202)
        outcomes.publish(eventId, DossierOutcomes.Outcome.ACCEPTED);
        if (!"HTTP".equals(exchange.getProperty(SOURCE)) || exchange.getProperty(AnswerRecord.PROPERTY) != null) {
            store.queued(eventId);
            return;
        }
        AnswerRecord.leave(exchange, new AnswerRecord() {
            @Override
            public void insert(Connection connection) throws SQLException {
                store.queued(connection, eventId);
            }

            @Override
            public void insertAlone(String outcome) {
                store.queued(eventId); // queued it is, whatever the partner was told
            }
        });
    }

    /** 202 with the event id and whether it was a repeat. */
    public void answerAccepted(Exchange exchange) {
        String eventId = exchange.getProperty("dossierEventId", String.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", eventId);
        body.put("dossierCode", exchange.getProperty("dossierCode", String.class));
        body.put("duplicate", exchange.getProperty(OUTCOME) == DossierEventStore.Intake.DUPLICATE);
        body.put("status", "/api/v1/dossiers/" + exchange.getProperty("dossierCode", String.class) + "/sync");
        JsonAnswer.write(exchange, 202, body);
    }

    /** POST /api/v1/dossier-events/{id}/replay — a dead-lettered (or held) event goes back on the queue. */
    public void replay(Exchange exchange) {
        RequestContext.open(exchange, "dossier.replay");
        String id = exchange.getMessage().getHeader("id", String.class);
        StoredEvent event = store.find(id == null ? "" : id).orElseThrow(() ->
                new ApiException(ErrorCode.DOSSIER_EVENT_NOT_FOUND, "There is no dossier event with id " + id + "."));
        if (!store.requeue(event.eventId())) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_NOT_REPLAYABLE, "Event " + event.eventId() + " is " + event.state()
                    + "; only a dead-lettered (FAILED) or HELD event is replayed.");
        }
        exchange.setProperty("dossierEventId", event.eventId());
        exchange.setProperty("dossierCode", event.dossierCode());
        toQueueMessage(exchange.getMessage(), event.eventId(), event.dossierCode(), event.payload());
    }

    /**
     * POST /api/v1/dossier-events/{id}/skip — body {@code {"reason": "..."}}: a FAILED event the portal will never take
     * (an operator's decision, recorded with who and why) stops holding its dossier's later events, which the route
     * then releases in order. The event is not delivered and not deleted; the status view shows it SKIPPED with the reason.
     */
    public void skip(Exchange exchange) {
        RequestContext.open(exchange, "dossier.skip");
        String id = exchange.getMessage().getHeader("id", String.class);
        String reason = skipReason(exchange.getMessage().getBody(byte[].class));
        StoredEvent event = store.find(id == null ? "" : id).orElseThrow(() ->
                new ApiException(ErrorCode.DOSSIER_EVENT_NOT_FOUND, "There is no dossier event with id " + id + "."));
        String requester = exchange.getProperty(RequestContext.REQUESTER, "unknown", String.class);
        if (!store.skip(event.eventId(), "Skipped by " + requester + ": " + reason)) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_NOT_SKIPPABLE, "Event " + event.eventId() + " is " + event.state()
                    + "; only a dead-lettered (FAILED) event is skipped.");
        }
        outcomes.publish(event.eventId(), DossierOutcomes.Outcome.SKIPPED);
        exchange.setProperty("dossierEventId", event.eventId());
        exchange.setProperty("dossierCode", event.dossierCode());
    }

    private static String skipReason(byte[] body) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "The request body is not valid JSON.");
        }
        JsonNode reason = node == null ? null : node.get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank() || reason.asText().length() > 500) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "Say why the event is skipped: {\"reason\": \"...\"} (1 to 500 characters).");
        }
        TextRule.check("reason", reason.asText());
        return reason.asText().strip();
    }

    public void answerSkipped(Exchange exchange) {
        JsonAnswer.write(exchange, 200, Map.of("eventId", exchange.getProperty("dossierEventId", String.class), "state", "SKIPPED"));
    }

    public void answerReplayed(Exchange exchange) {
        outcomes.publish(exchange.getProperty("dossierEventId", String.class), DossierOutcomes.Outcome.REQUEUED);
        JsonAnswer.write(exchange, 202, Map.of("eventId", exchange.getProperty("dossierEventId", String.class), "state", "QUEUED"));
    }

    /** GET /api/v1/dossiers/{code}/sync — each event and its delivery state. */
    public void status(Exchange exchange) {
        RequestContext.open(exchange, "dossier.sync-status");
        String code = exchange.getMessage().getHeader("code", String.class);
        List<Map<String, Object>> events = new ArrayList<>();
        for (StoredEvent e : store.forDossier(code == null ? "" : code)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("eventId", e.eventId());
            row.put("localStatus", e.localStatus());
            row.put("nationalStatus", e.nationalStatus());
            row.put("portalService", e.portalService());
            row.put("occurredAt", e.occurredAt());
            row.put("state", e.state() == EventState.RECEIVED || e.state() == EventState.QUEUED ? "PENDING" : e.state().name());
            row.put("attempts", e.attempts());
            row.put("reason", e.lastError());
            row.put("acceptedAt", e.acceptedAt().toString());
            row.put("deliveredAt", e.deliveredAt() == null ? null : e.deliveredAt().toString());
            events.add(row);
        }
        if (events.isEmpty()) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_NOT_FOUND, "No event of dossier " + code + " was received.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dossierCode", code);
        body.put("events", events);
        JsonAnswer.write(exchange, 200, body);
    }

}
