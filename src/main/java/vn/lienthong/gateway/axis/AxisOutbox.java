package vn.lienthong.gateway.axis;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the delivery route (routes/document-axis.camel.yaml, route axis-outbound): the outbox
 * queue carries only the document's id; the signed package is read from the database, so a replay
 * sends the very bytes that were signed. {@link #deliver} is safe to repeat: a document already
 * accepted by the axis is not sent again (a JMS redelivery after a crash).
 */
public class AxisOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(AxisOutbox.class);

    private final AxisStore store;
    private final AxisClient client;

    public AxisOutbox(AxisStore store, AxisClient client) {
        this.store = store;
        this.client = client;
    }

    /** One attempt to hand the document to the axis; throws when the axis cannot take it (the route retries). */
    public void deliver(Exchange exchange) {
        String id = exchange.getMessage().getBody(String.class);
        SentDocument document = store.find(id).orElse(null);
        if (document == null) {
            LOG.warn("The outbox names document {} which does not exist; dropped", id);
            return;
        }
        if (SentDocument.SENT.equals(document.state())) {
            return;
        }
        store.attempt(id);
        String axisId = client.send(document.packageXml(), AxisClient.TYPE_DOCUMENT, "axis-send-" + id);
        store.state(id, SentDocument.SENT, axisId, null);
    }

    /** Retries exhausted: the document is marked, and the route puts its id on the dead-letter queue. */
    public void failed(Exchange exchange) {
        String id = exchange.getMessage().getBody(String.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        store.state(id, SentDocument.DELIVERY_FAILED, null, cause == null ? "delivery failed" : cause.getMessage());
        LOG.warn("Document {} could not be delivered to the axis and was dead-lettered: {}", id, cause == null ? "" : cause.getMessage());
    }
}
