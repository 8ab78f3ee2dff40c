package vn.lienthong.gateway.dossier;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The forward route's onRedeliveryRef: each failed attempt to hand a dossier to iGate is written to its row. */
@Component("onlineDossierRedelivery")
public class OnlineDossierRedelivery implements Processor {

    private final OnlineDossiers dossiers;

    public OnlineDossierRedelivery(OnlineDossiers dossiers) {
        this.dossiers = dossiers;
    }

    @Override
    public void process(Exchange exchange) {
        dossiers.attemptFailed(exchange);
    }
}
