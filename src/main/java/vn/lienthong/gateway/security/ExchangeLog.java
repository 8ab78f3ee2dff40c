package vn.lienthong.gateway.security;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.AnswerRecord;
import vn.lienthong.gateway.api.ErrorBody;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.PartnerRoute;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;
import vn.lienthong.gateway.security.messagelog.MessageLogException;
import vn.lienthong.gateway.security.messagelog.SameTransaction;

/**
 * What the routes call to put their exchanges into the message log (security.messagelog):
 * <ul>
 *   <li>{@link #inbound}: once per partner request, from the {@code partner-api} route configuration,
 *       after the answer is known and before it is sent; if the log cannot record it, the partner gets
 *       503 {@code MESSAGE_LOG_UNAVAILABLE} instead of an answer nobody could later prove;</li>
 *   <li>{@link #beforeCall} / {@link #afterCall} / {@link #failedCall}: around each connector's call to an
 *       external system, from the connector Kamelets;</li>
 *   <li>{@link #holdCallRecords} / {@link #commitHeldCalls}: a flow without a waiting partner commits its calls'
 *       records with the row that concludes them;</li>
 *   <li>{@link #holdPartnerCallRecords}: a partner's request (from the {@code partner-api} route configuration) has the
 *       records of the calls made for it committed with its own by {@link #inbound}, in one transaction before the
 *       answer, instead of one commit per call on the way.</li>
 * </ul>
 * {@code gateway.message-log.enabled=false} turns recording off (the benchmark measures its cost that way).
 */
@Component("exchangeLog")
public class ExchangeLog {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeLog.class);

    static final String CALL_STARTED = "gateway.callStartedAt";
    static final String CALL_REQUEST_HASH = "gateway.callRequestHash";
    static final String CALL_LOGGED = "gateway.callLogged";
    static final String HELD_CALLS = "gateway.heldCallRecords";

    private final MessageLog log;
    private volatile boolean enabled;

    public ExchangeLog(MessageLog log, @Value("${gateway.message-log.enabled:true}") boolean enabled) {
        this.log = log;
        this.enabled = enabled;
    }

    public void inbound(Exchange exchange) {
        // once per exchange: a route that logs its answer itself, then the partner-api configuration's completion
        if (exchange.getProperty(RequestContext.ANSWERED) != null) {
            return;
        }
        exchange.setProperty(RequestContext.ANSWERED, Boolean.TRUE);
        // a row that must be durable before the answer (the look-up access log): committed with the record below
        AnswerRecord companion = AnswerRecord.take(exchange);
        if (!enabled) {
            if (companion != null) {
                companion.insertAlone(null);
            }
            return;
        }
        Message answer = exchange.getMessage();
        Instant started = exchange.getProperty(RequestContext.STARTED_AT, Instant.class);
        String service = RequestContext.service(exchange);
        // the calls made for this request, held until now (holdPartnerCallRecords), go first, in the same transaction
        List<MessageLogEntry> records = new ArrayList<>(takeHeldCalls(exchange));
        records.add(MessageLogEntry.inbound(RequestContext.requestId(exchange))
                .partner(RequestContext.requester(exchange))
                .service(service != null ? service : exchange.getFromRouteId())
                .started(started != null ? started : Instant.now())
                .finished(Instant.now())
                .requestHash(exchange.getProperty(RequestContext.REQUEST_HASH, String.class))
                .responseBody(answer.getBody(byte[].class))
                .outcome(exchange.getProperty(RequestContext.OUTCOME, "OK", String.class))
                .httpStatus(answer.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class))
                .build());
        try {
            log.appendAll(records, companion == null ? null : companion::insert);
        } catch (MessageLogException e) {
            answer.setHeader(Exchange.HTTP_RESPONSE_CODE, ErrorCode.MESSAGE_LOG_UNAVAILABLE.httpStatus());
            answer.setHeader(Exchange.CONTENT_TYPE, "application/json");
            answer.setBody(ErrorBody.json(ErrorCode.MESSAGE_LOG_UNAVAILABLE,
                    "The exchange could not be recorded in the message log, so it was not answered; try again later.",
                    RequestContext.requestId(exchange)));
            if (companion != null) {
                recordAlone(companion, ErrorCode.MESSAGE_LOG_UNAVAILABLE.name());
            }
        }
    }

    /** The record's transaction failed: the companion row still says what the partner was told, if the database takes it. */
    private static void recordAlone(AnswerRecord companion, String outcome) {
        try {
            companion.insertAlone(outcome);
        } catch (RuntimeException e) {
            LOG.error("A look-up's access-log row could not be written either; the partner was refused an answer", e);
        }
    }

    /** Just before a connector calls its system: remember when, and the hash of what is sent. */
    public void beforeCall(Exchange exchange) {
        exchange.setProperty(CALL_LOGGED, false);
        exchange.setProperty(CALL_STARTED, Instant.now());
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.setProperty(CALL_REQUEST_HASH, body == null ? null : Hashes.sha256Hex(body));
    }

    /** The system answered (any HTTP status). */
    public void afterCall(Exchange exchange, String system) {
        exchange.setProperty(CALL_LOGGED, true);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        appendOutbound(exchange, system, exchange.getMessage().getBody(byte[].class),
                status != null && status < 400 ? "OK" : "HTTP_" + status, status);
    }

    /** The call failed without an answer: refused connection, timeout, open circuit (an answer already logged is not logged twice). */
    public void failedCall(Exchange exchange, String system) {
        if (exchange.getProperty(CALL_LOGGED, false, Boolean.class)) {
            return;
        }
        appendOutbound(exchange, system, null, ErrorCode.UPSTREAM_UNAVAILABLE.name(), null);
    }

    private void appendOutbound(Exchange exchange, String system, byte[] response, String outcome, Integer status) {
        if (!enabled) {
            return;
        }
        Instant started = exchange.getProperty(CALL_STARTED, Instant.class);
        MessageLogEntry entry = MessageLogEntry.outbound(RequestContext.requestId(exchange))
                .partner(system)
                .service(exchange.getProperty(RequestContext.SERVICE, system, String.class))
                .started(started != null ? started : Instant.now())
                .finished(Instant.now())
                .requestHash(exchange.getProperty(CALL_REQUEST_HASH, String.class))
                .responseBody(response)
                .outcome(outcome)
                .httpStatus(status)
                .build();
        HeldCalls held = heldCalls(exchange);
        if (held == null || !held.add(entry)) {
            log.append(entry);
        }
    }

    /**
     * From here on, this exchange's call records wait on the exchange instead of each being committed at once,
     * until {@link #commitHeldCalls} commits them in one transaction with the row that concludes the calls (a
     * dossier event's DELIVERED mark), before which nothing depends on them. For a flow whose only answer is that
     * row: no partner waits for the records. {@link #appendHeldCalls} appends them as they are (a failed attempt);
     * whatever is still held when the exchange ends is appended then.
     */
    public void holdCallRecords(Exchange exchange) {
        if (heldCalls(exchange) != null) {
            return;
        }
        // the same holder in every copy of the exchange (the error handler's for retries, the circuit breaker's)
        HeldCalls held = new HeldCalls();
        exchange.setProperty(HELD_CALLS, held);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                // what is still held is appended; a call that ends later (after its breaker's timeout) is appended alone
                for (MessageLogEntry entry : held.close()) {
                    log.append(entry);
                }
            }
        });
    }

    /** The held call records and {@code write} in one transaction; only {@code write} when none is held. */
    public void commitHeldCalls(Exchange exchange, SameTransaction write) {
        List<MessageLogEntry> held = takeHeldCalls(exchange);
        if (held.isEmpty()) {
            log.commitWithNextBatch(write);
            return;
        }
        log.appendAll(held, write);
    }

    /**
     * For a partner's request only (opened by {@code partnerRoute.open}): its calls' records are held and committed with
     * the request's own record ({@link #inbound}), all before the answer. Other exchanges entering a route of the
     * {@code partner-api} configuration (a Java caller's, through a shared connector) are left as they are.
     */
    public void holdPartnerCallRecords(Exchange exchange) {
        if (exchange.getProperty(PartnerRoute.DEPTH) != null) {
            holdCallRecords(exchange);
        }
    }

    /** Appends the call records held so far, if any. */
    public void appendHeldCalls(Exchange exchange) {
        for (MessageLogEntry entry : takeHeldCalls(exchange)) {
            log.append(entry);
        }
    }

    private static HeldCalls heldCalls(Exchange exchange) {
        return exchange.getProperty(HELD_CALLS, HeldCalls.class);
    }

    private static List<MessageLogEntry> takeHeldCalls(Exchange exchange) {
        HeldCalls held = heldCalls(exchange);
        return held == null ? List.of() : held.take();
    }

    /**
     * The call records an exchange holds. A call may end on another thread (a circuit breaker's, after its timeout),
     * so the holder is synchronised; once the exchange is done it is closed, and a later record is appended at once.
     */
    private static final class HeldCalls {
        private final List<MessageLogEntry> entries = new ArrayList<>();
        private boolean closed;

        synchronized boolean add(MessageLogEntry entry) {
            if (closed) {
                return false;
            }
            entries.add(entry);
            return true;
        }

        synchronized List<MessageLogEntry> take() {
            List<MessageLogEntry> taken = List.copyOf(entries);
            entries.clear();
            return taken;
        }

        synchronized List<MessageLogEntry> close() {
            closed = true;
            return take();
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
