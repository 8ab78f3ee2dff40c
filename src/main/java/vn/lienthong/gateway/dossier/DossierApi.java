package vn.lienthong.gateway.dossier;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
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
    private static final String KAFKA_COORDINATES = "dossierKafkaRecord";
    /** Properties of a refused Kafka record's dead letter: where the record was. */
    public static final String DLQ_TOPIC = "KafkaTopic";
    public static final String DLQ_PARTITION = "KafkaPartition";
    public static final String DLQ_OFFSET = "KafkaOffset";
    public static final String DLQ_KEY = "KafkaKey";

    private final DossierEventReader reader;
    private final StatusCodeTable statuses;
    private final DossierEventStore store;
    private final MessageLog messageLog;
    private final DossierResults results;
    private final DossierOutcomes outcomes;
    private long maxRecordBytes = DataSize.ofMegabytes(1).toBytes();

    public DossierApi(DossierEventReader reader, StatusCodeTable statuses, DossierEventStore store, MessageLog messageLog,
                      DossierResults results, DossierOutcomes outcomes) {
        this.reader = reader;
        this.messageLog = messageLog;
        this.statuses = statuses;
        this.store = store;
        this.results = results;
        this.outcomes = outcomes;
    }

    /** The largest Kafka record value taken (gateway.kafka.max-record-bytes, default 1 MB: Kafka's own default limit). */
    @Value("${gateway.kafka.max-record-bytes:1MB}")
    void setMaxRecordBytes(DataSize max) {
        this.maxRecordBytes = max.toBytes();
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
        Message in = exchange.getMessage();
        exchange.setProperty(KAFKA_COMMIT, in.getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class));
        // where the record came from, for its dead letter should it be refused (the headers are gone by then)
        Map<String, Object> coordinates = new LinkedHashMap<>();
        coordinates.put(DLQ_TOPIC, in.getHeader(KafkaConstants.TOPIC));
        coordinates.put(DLQ_PARTITION, in.getHeader(KafkaConstants.PARTITION));
        coordinates.put(DLQ_OFFSET, in.getHeader(KafkaConstants.OFFSET));
        coordinates.put(DLQ_KEY, in.getHeader(KafkaConstants.KEY));
        exchange.setProperty(KAFKA_COORDINATES, coordinates);
        Object key = in.getHeader(KafkaConstants.KEY);
        DossierEvent event = readRecord(exchange);
        if (!event.dossierCode.equals(key == null ? null : key.toString())) {
            // a record keyed otherwise may sit in another partition than the dossier's earlier events and overtake them
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, (key == null ? "The record has no key, not" : "The record's key '" + key
                    + "' is not") + " its dossier code '" + event.dossierCode + "': iGate keys each record by dossier code, so that a"
                    + " dossier's events stay in one partition and in order.");
        }
        intake(exchange, event, "KAFKA");
    }

    /**
     * A record's value (raw bytes: the route reads it with the byte-array deserializer) into an event. Whatever makes it
     * unreadable (no value, a tombstone; not UTF-8; too large; not JSON or XML; an invalid event) is an {@link ApiException}:
     * the record is dead-lettered and the partition goes on. Any other failure would be taken for the database or the
     * broker being down, and the record read again for ever.
     */
    private DossierEvent readRecord(Exchange exchange) {
        Object value = exchange.getMessage().getBody();
        if (value == null) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID,
                    "The record has no value (a tombstone); a dossier event is a record whose value is the event as JSON or XML.");
        }
        byte[] bytes = value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The record's value is empty; send the event as JSON or XML.");
        }
        if (bytes.length > maxRecordBytes) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The record's value is " + bytes.length + " bytes, over the limit of "
                    + maxRecordBytes + " bytes (gateway.kafka.max-record-bytes).");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The record's value is not UTF-8 text; send the event as JSON or"
                    + " XML in UTF-8.");
        }
        exchange.getMessage().setBody(text); // what a dead letter carries: the record as text
        try {
            return readQueued(exchange, bytes);
        } catch (ApiException e) {
            // the reader speaks of a request body: here it is a record's value
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("The request body")) {
                throw new ApiException(e.code(), "The record's value" + message.substring("The request body".length()), e);
            }
            throw e;
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "The record's value could not be read as a dossier event ("
                    + e.getClass().getSimpleName() + ").", e);
        }
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
        return readQueued(exchange, exchange.getMessage().getBody(byte[].class));
    }

    private DossierEvent readQueued(Exchange exchange, byte[] body) {
        exchange.setProperty(RequestContext.SERVICE, "dossier.events");
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
        CrashPoint.reach("intake-received");
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
            messageLog.commitWithNextBatch(connection -> outcome[0] = receive(connection, event, payload, sha, source));
        } catch (MessageLogException e) {
            outcome[0] = outcomes.enabled()
                    // the row and its ACCEPTED outcome in a transaction of their own; another instance inserting the same
                    // new id at that moment meets the primary key, and the row it wrote is then read as it is
                    ? receiveInTransaction(event, payload, sha, source)
                    : store.receive(event, payload, sha, source);
        }
        outcomes.committed();
        return outcome[0];
    }

    /** The row RECEIVED and, for a new event, its ACCEPTED outcome, on one connection in one transaction. */
    private DossierEventStore.Intake receive(Connection connection, DossierEvent event, String payload, String sha, String source)
            throws SQLException {
        DossierEventStore.Intake intake = store.receive(connection, event, payload, sha, source);
        if (intake == DossierEventStore.Intake.NEW) {
            // owed from now on: the event is durable and will be delivered (DossierOutcomes)
            outcomes.record(connection, event.eventId, DossierOutcomes.Outcome.ACCEPTED, null);
        }
        return intake;
    }

    private DossierEventStore.Intake receiveInTransaction(DossierEvent event, String payload, String sha, String source) {
        try {
            return outcomes.inTransaction(connection -> receive(connection, event, payload, sha, source));
        } catch (RuntimeException e) {
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
        @SuppressWarnings("unchecked")
        Map<String, Object> coordinates = exchange.getProperty(KAFKA_COORDINATES, Map.class);
        if (coordinates != null) {
            // a refused Kafka record: where it was, so that it can be found (and iGate told) by topic, partition and offset
            coordinates.forEach((name, value) -> {
                if (value != null) {
                    message.setHeader(name, value instanceof Number ? value : value.toString());
                }
            });
        }
    }

    /**
     * After the persistent send: the event is on the queue. For a partner's HTTP request the row is marked in the
     * transaction of the request's message-log record, which commits before the 202 (one commit fewer per event);
     * for the intake queue, at once.
     */
    public void queued(Exchange exchange) {
        CrashPoint.reach("intake-enqueued");
        String eventId = exchange.getProperty("dossierEventId", String.class);
        // (its ACCEPTED outcome was written with its row: DossierOutcomes)
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
        if (!outcomes.withOutcome(event.eventId(), DossierOutcomes.Outcome.REQUEUED, null, () -> store.requeue(event.eventId()))) {
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
        String skipped = "Skipped by " + requester + ": " + reason;
        // the SKIPPED outcome is written in the same transaction as the state change (the outbox: DossierOutcomes)
        if (!outcomes.withOutcome(event.eventId(), DossierOutcomes.Outcome.SKIPPED, skipped, () -> store.skip(event.eventId(), skipped))) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_NOT_SKIPPABLE, "Event " + event.eventId() + " is " + event.state()
                    + "; only a dead-lettered (FAILED) event is skipped.");
        }
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
