package vn.lienthong.gateway.operations;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Failures counted as failures. A route policy on every route (Camel applies this factory to each route it
 * creates, the connectors' Kamelet routes included) reads how each exchange really ended ({@link Outcome})
 * and counts it:
 * <ul>
 *   <li>{@code gateway_route_outcomes_total{route, outcome}}: per route, outcome one of ok, refused,
 *       unavailable, internal_error, dead_letter;</li>
 *   <li>{@code gateway_connector_calls_total{connector, outcome}}: per national connector (Kamelet), each call
 *       (retries included) ok, unavailable or internal_error; the same calls feed the connector view's latency,
 *       last error and five-minute error rate ({@link ConnectorCalls}).</li>
 * </ul>
 * Camel's own counters (camel_exchanges_failed_total, the routes' Failed in Hawtio) stay at 0 for these, because
 * the shared error handlers mark what they answer as handled.
 */
@Component
public class OutcomeMetrics implements RoutePolicyFactory {

    static final String ROUTE_OUTCOMES = "gateway.route.outcomes";
    static final String CONNECTOR_CALLS = "gateway.connector.calls";
    private static final String CAUGHT_AT_BEGIN = "gateway.outcome.caughtAtBegin.";
    private static final String STARTED_AT = "gateway.outcome.startedNanos.";
    private static final Object NOTHING_CAUGHT = new Object();

    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, ConnectorCalls> connectors = new ConcurrentHashMap<>();

    public OutcomeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.clock = Clock.systemUTC();
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new OutcomePolicy();
    }

    /** The calls of one connector (its Kamelet's name), created on first use. */
    ConnectorCalls connector(String kamelet) {
        return connectors.computeIfAbsent(kamelet, k -> new ConnectorCalls(clock));
    }

    /**
     * The Kamelet a route was made from (the template id Camel gave it, e.g. {@code land-registry-action}, whatever
     * the route's own id), or null for a route of routes/.
     */
    static String kameletOf(Route route) {
        if (!route.isCreatedByKamelet()) {
            return null;
        }
        Model model = route.getCamelContext().getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition definition = model == null ? null : model.getRouteDefinition(route.getRouteId());
        if (definition != null) {
            Object template = definition.getTemplateParameters() == null ? null : definition.getTemplateParameters().get(Kamelet.PARAM_TEMPLATE_ID);
            if (template == null && definition.getRouteTemplateContext() != null) {
                template = definition.getRouteTemplateContext().getParameters().get(Kamelet.PARAM_TEMPLATE_ID);
            }
            if (template != null) {
                return String.valueOf(template);
            }
        }
        String source = route.getSourceLocation();
        if (source != null && source.contains(".kamelet.")) {
            String file = Path.of(source.substring(source.indexOf(':') + 1)).getFileName().toString();
            return file.substring(0, file.indexOf(".kamelet."));
        }
        return route.getRouteId().replaceFirst("-\\d+$", "");
    }

    private Counter counter(String name, String tagName, String tagValue, Outcome outcome) {
        return counters.computeIfAbsent(name + '|' + tagValue + '|' + outcome.tag(), k -> Counter.builder(name)
                .description(name.equals(ROUTE_OUTCOMES)
                        ? "Exchanges per route by how they ended: ok, refused (4xx), unavailable (upstream down, 502/503/504, open circuit), internal_error, dead_letter"
                        : "Calls of a national connector by how they ended: ok, unavailable, internal_error")
                .tag(tagName, tagValue).tag("outcome", outcome.tag()).register(registry));
    }

    private final class OutcomePolicy extends RoutePolicySupport {

        private String routeId;
        private String kamelet;

        @Override
        public void onInit(Route route) {
            this.routeId = route.getRouteId();
            this.kamelet = kameletOf(route);
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            Object caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT);
            exchange.setProperty(CAUGHT_AT_BEGIN + routeId, caught == null ? NOTHING_CAUGHT : caught);
            if (kamelet != null) {
                exchange.setProperty(STARTED_AT + routeId, System.nanoTime());
            }
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            Object caughtBefore = exchange.removeProperty(CAUGHT_AT_BEGIN + routeId);
            Outcome outcome = Outcome.of(exchange, caughtBefore);
            counter(ROUTE_OUTCOMES, "route", routeId, outcome).increment();
            if (kamelet != null) {
                Long started = (Long) exchange.removeProperty(STARTED_AT + routeId);
                long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
                // a connector's call failed when it ended in an exception; its upstream's 4xx answers are answers
                Outcome call = outcome == Outcome.REFUSED || outcome == Outcome.DEAD_LETTER ? Outcome.OK : outcome;
                Throwable cause = exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                if (call == Outcome.OK && exchange.getException() != null) {
                    call = Outcome.ofCause(exchange.getException());
                }
                counter(CONNECTOR_CALLS, "connector", kamelet, call).increment();
                connector(kamelet).record(call.failure(), millis, call.failure() && cause != null ? describe(cause) : call.failure() ? call.tag() : null);
            }
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String text = cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }
}
