package vn.lienthong.gateway.operations;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.connector.ConnectorCatalog;

/**
 * The gateway's own view of every national connection, one row per connector (Kamelet in the connectors
 * folder): up or down from the real probe (the same one as {@code /actuator/health/connectors/<name>}, run
 * here every {@code gateway.operations.probe-interval}), the state of its circuit breakers (one per Kamelet
 * route: each caller gets its own instance), the calls the gateway made through it (latency, last error and
 * when, error rate over five minutes: {@link OutcomeMetrics}).
 * <p>
 * Shown as JMX beans ({@code vn.lienthong.gateway:type=Connectors,name=<kamelet>}, in Hawtio's tree), as
 * Prometheus gauges ({@code gateway_connector_up}, {@code gateway_connector_circuit_open}), and in
 * {@code GET /console-api/overview}.
 */
@Component
public class ConnectorView implements SmartLifecycle {

    static final String OBJECT_NAME = "vn.lienthong.gateway:type=Connectors,name=";

    private final List<ConnectorCatalog.Connector> connectors;
    private final CompositeHealthContributor probes;
    private final OutcomeMetrics outcomes;
    private final CamelContext camel;
    private final Duration interval;
    private final Map<String, Probe> lastProbe = new ConcurrentHashMap<>();
    private final JmxBeans beans = new JmxBeans();
    private ScheduledExecutorService scheduler;

    /** The last probe of one connector. */
    public record Probe(String status, String error, Integer httpStatus, Long latencyMs, Instant at) {
    }

    /** One circuit breaker of a connector: the Kamelet route it guards and its state (CLOSED, OPEN, HALF_OPEN, ...). */
    public record Breaker(String route, String state, float failureRate, long notPermittedCalls) {
    }

    public record Row(String name, String title, String status, Probe probe, String circuit, List<Breaker> breakers,
                      ConnectorCalls.Snapshot calls, String lastError, Instant lastErrorAt) {
    }

    public ConnectorView(@Value("${gateway.connectors-location}") String folder, Environment env,
                         @Qualifier("connectors") HealthContributor probes, OutcomeMetrics outcomes, @org.springframework.context.annotation.Lazy CamelContext camel,
                         MeterRegistry registry, @Value("${gateway.operations.probe-interval:15s}") Duration interval) {
        this.connectors = ConnectorCatalog.load(Path.of(folder), env);
        this.probes = (CompositeHealthContributor) probes;
        this.outcomes = outcomes;
        this.camel = camel;
        this.interval = interval;
        for (ConnectorCatalog.Connector connector : connectors) {
            String name = connector.name();
            Gauge.builder("gateway.connector.up", () -> "UP".equals(probe(name).status()) ? 1 : 0)
                    .description("1 when the connector's last probe reached its system, else 0").tag("connector", name).register(registry);
            Gauge.builder("gateway.connector.circuit.open", () -> "OPEN".equals(circuit(breakers(name))) ? 1 : 0)
                    .description("1 when one of the connector's circuit breakers is open (calls answered 503 without trying)")
                    .tag("connector", name).register(registry);
        }
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (ConnectorCatalog.Connector connector : connectors) {
            rows.add(row(connector));
        }
        return rows;
    }

    public Row row(String name) {
        return connectors.stream().filter(c -> c.name().equals(name)).findFirst().map(this::row).orElse(null);
    }

    private Row row(ConnectorCatalog.Connector connector) {
        String name = connector.name();
        Probe probe = probe(name);
        List<Breaker> breakers = breakers(name);
        String circuit = circuit(breakers);
        ConnectorCalls.Snapshot calls = outcomes.connector(name).snapshot();
        String lastError = calls.lastError();
        Instant lastErrorAt = calls.lastErrorAt();
        if (probe.error() != null && (lastErrorAt == null || probe.at().isAfter(lastErrorAt))) {
            lastError = "probe: " + probe.error();
            lastErrorAt = probe.at();
        }
        String status = "OPEN".equals(circuit) && "UP".equals(probe.status()) ? "DEGRADED" : probe.status();
        return new Row(name, connector.title(), status, probe, circuit, breakers, calls, lastError, lastErrorAt);
    }

    Probe probe(String name) {
        return lastProbe.getOrDefault(name, new Probe("UNKNOWN", null, null, null, null));
    }

    /** The circuit breakers of the connector's Kamelet routes, read from Camel's processors. */
    List<Breaker> breakers(String kamelet) {
        List<Breaker> breakers = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            if (!kamelet.equals(OutcomeMetrics.kameletOf(route))) {
                continue;
            }
            for (Processor processor : route.filter("*")) {
                if (processor instanceof ResilienceProcessor breaker) {
                    breakers.add(new Breaker(route.getRouteId(), breaker.getCircuitBreakerState(), breaker.getFailureRate(),
                            breaker.getNumberOfNotPermittedCalls()));
                }
            }
        }
        return breakers;
    }

    /** The worst state among the breakers: OPEN before HALF_OPEN before CLOSED; NONE without a breaker. */
    static String circuit(List<Breaker> breakers) {
        if (breakers.isEmpty()) {
            return "NONE";
        }
        if (breakers.stream().anyMatch(b -> b.state().endsWith("OPEN") && !b.state().equals("HALF_OPEN"))) {
            return "OPEN";
        }
        if (breakers.stream().anyMatch(b -> b.state().equals("HALF_OPEN"))) {
            return "HALF_OPEN";
        }
        return breakers.get(0).state();
    }

    /** Runs every connector's probe once (also what the schedule does). */
    public void probeAll() {
        for (ConnectorCatalog.Connector connector : connectors) {
            probeOne(connector.name());
        }
    }

    private void probeOne(String name) {
        HealthContributor contributor = probes.getContributor(name);
        if (!(contributor instanceof HealthIndicator indicator)) {
            return;
        }
        Instant at = Instant.now();
        try {
            Health health = indicator.health();
            Map<String, Object> details = health.getDetails();
            Object error = details.get("error");
            if (error == null && !Status.UP.equals(health.getStatus())) {
                error = details.containsKey("httpStatus") ? "HTTP " + details.get("httpStatus") : details.getOrDefault("reason", health.getStatus().getCode());
            }
            lastProbe.put(name, new Probe(health.getStatus().getCode(), error == null ? null : String.valueOf(error),
                    details.get("httpStatus") instanceof Integer s ? s : null,
                    details.get("latencyMs") instanceof Number n ? n.longValue() : null, at));
        } catch (RuntimeException e) {
            lastProbe.put(name, new Probe("DOWN", e.getClass().getSimpleName() + ": " + e.getMessage(), null, null, at));
        }
    }

    @Override
    public void start() {
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "connector-view-probe");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(200, interval.toMillis());
        for (ConnectorCatalog.Connector connector : connectors) {
            scheduler.scheduleWithFixedDelay(() -> probeOne(connector.name()), 0, millis, TimeUnit.MILLISECONDS);
        }
        registerBeans();
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        unregisterBeans();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @PreDestroy
    void close() {
        stop();
    }

    private void registerBeans() {
        for (ConnectorCatalog.Connector connector : connectors) {
            beans.register(new ConnectorStatus(this, connector.name()), OBJECT_NAME + ObjectName.quote(connector.name()));
        }
    }

    /** The JMX name of a connector's bean in this gateway (another gateway in the same JVM has an {@code instance=} variant). */
    javax.management.ObjectName objectName(String connector) {
        return beans.registeredAs(OBJECT_NAME + ObjectName.quote(connector));
    }

    private void unregisterBeans() {
        beans.unregisterAll();
    }

    /** What the overview answers for the connectors: plain values, ready for JSON. */
    static Map<String, Object> asJson(Row row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", row.name());
        json.put("title", row.title());
        json.put("status", row.status());
        json.put("circuit", row.circuit());
        json.put("lastError", row.lastError());
        json.put("lastErrorAt", row.lastErrorAt());
        json.put("probe", row.probe());
        json.put("calls", row.calls());
        json.put("breakers", row.breakers());
        return json;
    }
}
