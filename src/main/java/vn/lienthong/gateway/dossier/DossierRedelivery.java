package vn.lienthong.gateway.dossier;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The delivery route's onRedeliveryRef: each failed attempt is written to the event's row before the next one. */
@Component("dossierRedelivery")
public class DossierRedelivery implements Processor {

    private final DossierDelivery delivery;

    public DossierRedelivery(DossierDelivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public void process(Exchange exchange) {
        delivery.attemptFailed(exchange);
    }
}
