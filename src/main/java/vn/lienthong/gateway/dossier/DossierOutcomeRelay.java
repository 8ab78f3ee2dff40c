package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox {@code dossier_outcome} (see {@link DossierOutcomes}): one thread takes the oldest rows, in id
 * order, locked ({@code for update}: instances sharing the database take turns, so a dossier's outcomes keep their
 * order), puts each on the persistent queue {@code dossier.outcomes} (routes/dossier-kafka.camel.yaml, which sends it
 * to Kafka), and deletes the rows in the same database transaction. A crash after a send and before that commit sends
 * the rows again after the restart: at least once, none lost. Woken at once when an outcome is committed, and every
 * {@code gateway.kafka.outcome-relay-poll-ms} in any case (rows left by a crash, or by another instance).
 * Runs only with {@code gateway.kafka.enabled}.
 */
@Component("dossierOutcomeRelay")
public class DossierOutcomeRelay implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DossierOutcomeRelay.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 200;

    private final DossierOutcomes outcomes;
    private final DossierEventStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProducerTemplate producer;
    private final long pollMillis;
    private final Semaphore wake = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    public DossierOutcomeRelay(DossierOutcomes outcomes, DossierEventStore store, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                               @Lazy ProducerTemplate producer, @Value("${gateway.kafka.outcome-relay-poll-ms:1000}") long pollMillis) {
        this.outcomes = outcomes;
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.producer = producer;
        this.pollMillis = pollMillis;
    }

    @Override
    public void start() {
        if (!outcomes.enabled()) {
            return;
        }
        running = true;
        outcomes.onWritten(() -> {
            if (wake.availablePermits() == 0) {
                wake.release();
            }
        });
        thread = new Thread(this::run, "dossier-outcome-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            // woken, never interrupted: an interrupt during a JDBC write makes H2 close its file (ClosedByInterruptException),
            // and with it the database under every delivery still in flight, which then rolls back and repeats portal calls
            wake.release();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After Camel's routes have started (its lifecycle phase), stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    private void run() {
        long backoff = 0;
        while (running) {
            try {
                if (backoff > 0 && wake.tryAcquire(backoff, TimeUnit.MILLISECONDS) && !running) {
                    return;
                }
                int sent = relay();
                backoff = 0;
                if (sent < BATCH) {
                    wake.tryAcquire(pollMillis, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                backoff = Math.min(30_000, Math.max(500, backoff * 2));
                LOG.warn("Dossier outcomes could not be put on dossier.outcomes ({}); trying again in {} ms", e.toString(), backoff);
            }
        }
    }

    private record Row(long id, String eventId, DossierOutcomes.Outcome outcome, String reason, OffsetDateTime createdAt) {
    }

    /** One batch: locked, sent in order, deleted, committed. Returns how many rows were sent. */
    int relay() {
        Integer sent = transactions.execute(status -> {
            List<Row> rows = jdbc.query("select id, event_id, outcome, reason, created_at from dossier_outcome order by id "
                            + "fetch first " + BATCH + " rows only for update",
                    (rs, i) -> new Row(rs.getLong(1), rs.getString(2), DossierOutcomes.Outcome.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getObject(5, OffsetDateTime.class)));
            for (Row row : rows) {
                send(row);
                CrashPoint.reach("outcome-relayed");
            }
            jdbc.batchUpdate("delete from dossier_outcome where id = ?", rows.stream().map(r -> new Object[] {r.id()}).toList());
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void send(Row row) {
        StoredEvent event = store.find(row.eventId()).orElse(null);
        if (event == null) {
            LOG.warn("Outcome {} of dossier event {} names no event; not published", row.outcome(), row.eventId());
            return;
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventId", event.eventId());
        record.put("dossierCode", event.dossierCode());
        record.put("agencyCode", event.agencyCode());
        record.put("outcome", row.outcome().name());
        record.put("localStatus", event.localStatus());
        record.put("nationalStatus", event.nationalStatus());
        record.put("portalService", event.portalService());
        record.put("occurredAt", event.occurredAt());
        record.put("source", event.source());
        record.put("attempts", event.attempts());
        record.put("reason", row.reason());
        record.put("at", (row.createdAt() == null ? OffsetDateTime.now() : row.createdAt()).withOffsetSameInstant(ZoneOffset.UTC).toString());
        String body;
        try {
            body = JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: the record is plain data", e);
        }
        // throws when the persistent send failed: the batch is rolled back and its rows stay for the next try
        producer.sendBodyAndHeaders(DossierOutcomes.ROUTE, body, Map.of(DossierApi.DOSSIER_CODE, event.dossierCode(),
                DossierApi.EVENT_ID, event.eventId(), DossierApi.GROUP_ID, event.dossierCode()));
    }
}
