package vn.lienthong.gateway.api;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

/**
 * What the {@code partner-api} route configuration (routes/partner-api.camel.yaml) does around every route that
 * declares {@code routeConfigurationId: partner-api}, so that a route made of files alone has the gateway's guarantees:
 * <ul>
 *   <li>{@link #open}: as the exchange enters the route, the request context is opened (partner, the service of the
 *       grant the API gate matched, the caller's X-Request-Id or a generated one, purpose, request hash);</li>
 *   <li>{@link #answer}: when the route is done and no step shaped the answer (no outcome decided), the answer is
 *       the route's body as JSON with the route's status (200 when it set none); nothing the connector or the caller
 *       sent as a header leaves; the outcome is {@code OK}, or {@code HTTP_<status>} for a status of 400 or more.</li>
 * </ul>
 * A route's own Java steps (RequestContext.open, JsonAnswer ...) still work: opening twice changes nothing, and an
 * answer a step shaped is left as it is.
 */
@Component("partnerRoute")
public class PartnerRoute {

    /** How many partner-api routes the exchange is in: a Kamelet called from such a route runs with its configuration too. */
    public static final String DEPTH = "gateway.partnerRouteDepth";

    public void open(Exchange exchange) {
        Integer depth = exchange.getProperty(DEPTH, Integer.class);
        if (depth == null && !(exchange.getIn() instanceof PlatformHttpMessage)) {
            // not a partner's request: a connector's Kamelet route that a partner-api route shares with Java callers
            // (the reuse check asks the registries through a producer template) runs with this configuration too
            return;
        }
        exchange.setProperty(DEPTH, depth == null ? 1 : depth + 1);
        RequestContext.open(exchange);
    }

    /**
     * Whether the route now done is the outermost partner-api route of the exchange (the completion's condition): a Kamelet
     * called from a partner-api route gets that configuration too (Camel copies the caller's routeConfigurationId onto
     * the Kamelet's route), and the answer must not be shaped and logged when the connector's route is done.
     */
    public boolean leaving(Exchange exchange) {
        Integer entered = exchange.getProperty(DEPTH, Integer.class);
        if (entered == null) {
            return false; // not opened here (see open): the route's caller completes the exchange
        }
        int depth = entered - 1;
        exchange.setProperty(DEPTH, depth);
        return depth <= 0;
    }

    public void answer(Exchange exchange) {
        if (exchange.getProperty(RequestContext.ANSWERED) != null || exchange.getProperty(RequestContext.OUTCOME) != null) {
            return;
        }
        Message out = exchange.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        int answered = status == null || status < 200 ? 200 : status;
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, answered);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        exchange.setProperty(RequestContext.OUTCOME, answered < 400 ? "OK" : "HTTP_" + answered);
    }
}
