package vn.lienthong.gateway.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.remote.RemoteFileEndpoint;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.connector.SftpProbe;

/**
 * How each partner's SFTP server answers the intake's polls ({@code pollStrategy} and
 * {@code exceptionHandler} of connectors/*-digitization-source.kamelet.yaml, which sets
 * {@code throwExceptionOnConnectFailed}). A poll that cannot connect, pass the strict host-key
 * check, log in or list the inbox is an ERROR naming the reason ({@link SftpProbe.Failure}: a
 * changed host key, an unknown one, a refused login, an unreachable server) the first time, when
 * the reason changes, and then at most every {@code gateway.intake.connection-log-interval} while it
 * lasts; the first poll that works again says so. Metrics: {@code gateway_intake_connection_failures_total{server,reason}}
 * and {@code gateway_intake_connection_up{server}} (1 or 0).
 */
@Component("intakeConnections")
public class IntakeConnections implements PollingConsumerPollStrategy, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeConnections.class);

    /** One server's state: the current failure (null when its last poll worked), since when, how many polls failed. */
    private static final class State {
        final AtomicInteger up = new AtomicInteger(1);
        SftpProbe.Failure failure;
        Instant since;
        int failedPolls;
        int failedPollsSinceLog;
        long loggedAt;
    }

    private final Map<String, State> servers = new ConcurrentHashMap<>();
    private final ThreadLocal<Throwable> reported = new ThreadLocal<>();
    private final MeterRegistry registry;
    private final long logIntervalNanos;

    public IntakeConnections(MeterRegistry registry, @Value("${gateway.intake.connection-log-interval:5m}") Duration logInterval) {
        this.registry = registry;
        this.logIntervalNanos = logInterval.toNanos();
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        State state = state(server(endpoint));
        synchronized (state) {
            if (state.failure != null) {
                LOG.warn("SFTP server {} answers the intake's polls again (after {} failed polls since {}: {})", server(endpoint), state.failedPolls,
                        state.since, state.failure);
                state.failure = null;
                state.failedPolls = 0;
                state.up.set(1);
            }
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String server = server(endpoint);
        SftpProbe.Failure failure = SftpProbe.Failure.of(cause);
        failed(server, failure, cause);
        reported.set(cause);
        return false;
    }

    /** Records a failed poll of {@code server}; logs it as an ERROR when it is news or the interval has passed. */
    void failed(String server, SftpProbe.Failure failure, Throwable cause) {
        Counter.builder("gateway.intake.connection.failures").description("Polls of a partner's SFTP server that failed, by reason")
                .tag("server", server).tag("reason", failure.name()).register(registry).increment();
        State state = state(server);
        synchronized (state) {
            long now = System.nanoTime();
            boolean news = state.failure != failure;
            if (news) {
                state.since = Instant.now();
                state.failedPolls = 0;
                state.failedPollsSinceLog = 0;
            }
            state.failure = failure;
            state.up.set(0);
            state.failedPolls++;
            state.failedPollsSinceLog++;
            if (news || now - state.loggedAt >= logIntervalNanos) {
                LOG.error("SFTP server {} refused by the intake: {} — {}. ({}; {} failed polls since {}; logged again at most every {} s while it lasts)",
                        server, failure, failure.sentence(), detail(cause), state.failedPolls, state.since, logIntervalNanos / 1_000_000_000L);
                state.loggedAt = now;
                state.failedPollsSinceLog = 0;
            }
        }
    }

    /** The failure the server's last poll met, or null when it worked (or it was never polled). */
    public SftpProbe.Failure failure(String server) {
        State state = servers.get(server);
        return state == null ? null : state.failure;
    }

    // The consumer's exception handler: a poll failure was already reported (rollback); anything else as Camel would log it.

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exception != null && exception == reported.get()) {
            reported.remove();
            return;
        }
        LOG.warn("{}", message == null ? "SFTP intake consumer error" : message, exception);
    }

    private State state(String server) {
        return servers.computeIfAbsent(server, s -> {
            State state = new State();
            Gauge.builder("gateway.intake.connection.up", state.up, AtomicInteger::get)
                    .description("1 when the last poll of a partner's SFTP server worked, 0 when it failed").tag("server", s).register(registry);
            return state;
        });
    }

    private static String server(Endpoint endpoint) {
        if (endpoint instanceof RemoteFileEndpoint<?> remote) {
            return remote.getConfiguration().getHost() + ":" + remote.getConfiguration().getPort();
        }
        return endpoint.getEndpointKey();
    }

    private static String detail(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
