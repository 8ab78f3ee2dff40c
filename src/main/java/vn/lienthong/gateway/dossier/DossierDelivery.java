package vn.lienthong.gateway.dossier;

import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.security.ExchangeLog;
import vn.lienthong.gateway.connector.KameletEndpoints;

/**
 * The steps of the delivery route (routes/dossier-sync.camel.yaml, route dossier-delivery) around the
 * portal call. The route consumes {@code dossier.events} in Artemis message groups keyed by dossier
 * code, so one dossier's events are taken one at a time and in order; retries happen inside the
 * consumer (its thread waits), so the next event of the dossier cannot overtake the one being retried.
 * <ul>
 *   <li>{@link #begin}: an event already DELIVERED is acknowledged and not sent again (idempotent by
 *       event id, also when a broker redelivers after a crash); an event with an earlier undelivered
 *       event of the same dossier is HELD, not sent;</li>
 *   <li>{@link #delivered}: the portal confirmed: DELIVERED, then the dossier's HELD events go back on
 *       the queue in their order;</li>
 *   <li>{@link #deadLetter}: attempts exhausted: FAILED with the reason, the message goes to the
 *       dead-letter queue with that reason.</li>
 * </ul>
 */
@Component("dossierDelivery")
public class DossierDelivery {

    public static final String DELIVER = "dossierDeliver";
    public static final String REASON_HEADER = "DeadLetterReason";
    private static final Logger LOG = LoggerFactory.getLogger(DossierDelivery.class);

    private final DossierEventStore store;
    private final ExchangeLog exchangeLog;
    private final ProducerTemplate producer;
    private final DossierOutcomes outcomes;

    public DossierDelivery(DossierEventStore store, ExchangeLog exchangeLog, @Lazy ProducerTemplate producer, DossierOutcomes outcomes) {
        this.store = store;
        this.exchangeLog = exchangeLog;
        this.producer = producer;
        this.outcomes = outcomes;
    }

    public void begin(Exchange exchange) {
        String eventId = exchange.getMessage().getHeader(DossierApi.EVENT_ID, String.class);
        exchange.setProperty(RequestContext.REQUEST_ID, eventId);
        exchange.setProperty(RequestContext.SERVICE, "dossier.sync");
        exchange.setProperty("dossierEventId", eventId);
        Optional<DossierEventStore.ToDeliver> found = eventId == null ? Optional.empty() : store.findToDeliver(eventId);
        if (found.isEmpty()) {
            // never accepted by the intake (someone wrote to the internal queue): not delivered
            LOG.warn("Dossier event {} is on the delivery queue but was never accepted; dropped", eventId);
            exchange.setProperty(DELIVER, false);
            return;
        }
        StoredEvent event = found.get().event();
        exchange.setProperty("dossierCode", event.dossierCode());
        if (event.state() == EventState.DELIVERED) {
            LOG.info("Dossier event {} was delivered already; not sent again", eventId);
            // (its DELIVERED outcome was written with the DELIVERED mark: DossierOutcomes)
            exchange.setProperty(DELIVER, false);
            return;
        }
        Optional<String> earlier = found.get().earlierUndelivered();
        if (earlier.isPresent()) {
            boolean blockedByFailure = store.find(earlier.get()).map(e -> e.state() == EventState.FAILED).orElse(false);
            if (blockedByFailure) {
                // the alarm: a dead-lettered event holds its dossier until an operator replays or skips it
                LOG.warn("Dossier event {} is held: earlier event {} of dossier {} FAILED; replay it (POST /api/v1/dossier-events/{}/replay)"
                        + " or skip it (POST /api/v1/dossier-events/{}/skip)", eventId, earlier.get(), event.dossierCode(), earlier.get(), earlier.get());
            }
            String reason = "Waiting for event " + earlier.get() + " of the same dossier to be delivered first"
                    + (blockedByFailure ? "; it FAILED: replay it, or skip it with a reason (POST /api/v1/dossier-events/" + earlier.get()
                    + "/skip)." : ".");
            outcomes.withOutcome(eventId, DossierOutcomes.Outcome.HELD, reason, () -> store.hold(eventId, reason));
            exchange.setProperty(DELIVER, false);
            return;
        }
        exchange.setProperty(DELIVER, true);
        // the payload comes from the database row: the queue only says which event to deliver. The message read
        // from the queue goes no further: each later step's defensive copy (kept for its retries) would copy it,
        // and copying a JMS message reads its id and redelivery flag from the JMS client every time
        Message payload = new DefaultMessage(exchange);
        payload.setBody(event.payload());
        exchange.setMessage(payload);
    }

    /**
     * The portal call (route step): the connector runs on an exchange of its own, given this one's properties (request id,
     * service, the held call records) and the mapped request; its answer and PortalErrorCode come back, or its failure is
     * thrown here. So a retry of this step by the route's error handler is a new call, every time, and every attempt the
     * route counts is a call really made (a Kamelet called from the route takes the route's error handling, and retried
     * only its own failing step: a refusal was never sent again).
     */
    public void callPortal(Exchange exchange, String connector) throws Exception {
        Exchange call = producer.send(KameletEndpoints.resolve(producer, connector), ex -> {
            ex.getProperties().putAll(exchange.getProperties());
            ex.getMessage().setBody(exchange.getMessage().getBody(String.class));
        });
        if (call.getException() != null) {
            throw call.getException();
        }
        exchange.getMessage().setBody(call.getMessage().getBody());
        exchange.getMessage().setHeader("PortalErrorCode", call.getMessage().getHeader("PortalErrorCode"));
    }

    public void delivered(Exchange exchange) {
        String eventId = exchange.getProperty("dossierEventId", String.class);
        // only the connector's own success check sets this: nothing else may count as "the portal confirmed"
        if (!"0".equals(exchange.getMessage().getHeader("PortalErrorCode", String.class))) {
            throw new IllegalStateException("The portal connector returned without the portal's confirmation; event " + eventId
                    + " is not recorded as delivered");
        }
        // durable before the queue's transaction acknowledges the message, in one commit with the portal call's
        // record (held since the call: route step holdCallRecords)
        exchangeLog.commitHeldCalls(exchange, connection -> {
            if (store.delivered(connection, eventId)) {
                outcomes.record(connection, eventId, DossierOutcomes.Outcome.DELIVERED, null);
            }
        });
        outcomes.committed();
        CrashPoint.reach("delivery-delivered");
        releaseHeld(exchange);
    }

    /**
     * The dossier's HELD events back on the queue, in their order: after an event was delivered, or skipped by an
     * operator (route dossier-event-skip). Each is asked again whether an earlier event is still undelivered.
     */
    public void releaseHeld(Exchange exchange) {
        String dossier = exchange.getProperty("dossierCode", String.class);
        for (StoredEvent held : store.held(dossier)) {
            if (store.requeue(held.eventId())) {
                enqueue(held);
            }
        }
    }

    public void deadLetter(Exchange exchange) {
        exchangeLog.appendHeldCalls(exchange);
        String eventId = exchange.getProperty("dossierEventId", String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        outcomes.withOutcome(eventId, DossierOutcomes.Outcome.FAILED, reason, () -> store.failed(eventId, reason));
        String dossier = exchange.getProperty("dossierCode", String.class);
        // orElseGet: the body may be the mapping's already consumed source; reading it when the row is there made this step
        // fail, so the failed event was rolled back onto the queue and retried for ever instead of dead-lettered
        String payload = store.find(eventId).map(StoredEvent::payload).orElseGet(() -> exchange.getMessage().getBody(String.class));
        DossierApi.toQueueMessage(exchange.getMessage(), eventId, dossier, payload);
        exchange.getMessage().setHeader(REASON_HEADER, reason);
        // Artemis' own dead-letter annotations: Hawtio's "retry" moves the message back to dossier.events
        exchange.getMessage().setHeader("_AMQ_ORIG_ADDRESS", "dossier.events");
        exchange.getMessage().setHeader("_AMQ_ORIG_QUEUE", "dossier.events");
        LOG.warn("Dossier event {} dead-lettered: {}", eventId, reason);
    }

    /** Called before each redelivery (onRedeliveryRef): the failed attempt is counted, with its error. */
    public void attemptFailed(Exchange exchange) {
        exchangeLog.appendHeldCalls(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        store.attemptFailed(exchange.getProperty("dossierEventId", String.class),
                cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    void enqueue(StoredEvent event) {
        Exchange sent = producer.send("direct:dossier-enqueue", ex -> DossierApi.toQueueMessage(ex.getMessage(), event.eventId(),
                event.dossierCode(), event.payload()));
        if (sent.getException() != null) {
            // the delivery's step fails (and is retried) rather than leave a released event off the queue
            throw new IllegalStateException("Could not put held event " + event.eventId() + " back on the queue", sent.getException());
        }
    }
}
