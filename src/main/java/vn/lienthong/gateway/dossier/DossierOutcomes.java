package vn.lienthong.gateway.dossier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events out: when Kafka is configured ({@code gateway.kafka.enabled}), every accepted dossier event and
 * every delivery outcome becomes a small JSON record on the outcomes topic, keyed by dossier code, for
 * dashboards and other consumers (routes/dossier-kafka.camel.yaml).
 * <p>
 * An outcome is owed the moment the state change it reports is durable, so it is written as a row of the outbox
 * {@code dossier_outcome} <em>in the same database transaction</em> as that change: ACCEPTED with the event's RECEIVED
 * row, DELIVERED with the DELIVERED mark, HELD, FAILED, REQUEUED and SKIPPED with theirs. A crash keeps both or neither; no
 * distributed (XA) transaction between the database and the broker is needed. {@link DossierOutcomeRelay} then puts the
 * rows, in order, on the persistent queue {@code dossier.outcomes} (message group = dossier code), which waits while
 * Kafka is down; a crash between that send and the row's deletion sends it again: outcomes are at least once.
 * When Kafka is not configured nothing is recorded.
 */
@Component("dossierOutcomes")
public class DossierOutcomes {

    /** What became of an event. */
    public enum Outcome { ACCEPTED, HELD, DELIVERED, FAILED, REQUEUED, SKIPPED }

    static final String ROUTE = "direct:dossier-outcome";
    private static final String INSERT = "insert into dossier_outcome (event_id, outcome, reason, created_at) values (?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean enabled;
    private volatile Runnable written = () -> { };

    public DossierOutcomes(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                           @Value("${gateway.kafka.enabled:false}") boolean enabled) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Called after an outcome is committed (the relay, to publish it without waiting for its next poll). */
    void onWritten(Runnable listener) {
        this.written = listener;
    }

    /**
     * Writes the outcome on the caller's connection, inside its transaction (which must also hold the change reported).
     * The caller calls {@link #committed()} once that transaction is committed.
     */
    public void record(Connection connection, String eventId, Outcome outcome, String reason) throws SQLException {
        if (!enabled) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, outcome.name());
            insert.setString(3, clip(reason));
            insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    /** The transaction that wrote an outcome is committed: the relay may publish it now. */
    public void committed() {
        if (enabled) {
            written.run();
        }
    }

    /**
     * Runs {@code change} (statements of the JdbcTemplate, which join the transaction) and writes the outcome in one
     * transaction, when {@code change} says it changed the event; returns what {@code change} returned.
     */
    public boolean withOutcome(String eventId, Outcome outcome, String reason, Supplier<Boolean> change) {
        if (!enabled) {
            return change.get();
        }
        Boolean changed = transactions.execute(status -> {
            boolean done = change.get();
            if (done) {
                jdbc.update(INSERT, eventId, outcome.name(), clip(reason), OffsetDateTime.now(ZoneOffset.UTC));
            }
            return done;
        });
        committed();
        return Boolean.TRUE.equals(changed);
    }

    /** Work on one connection that returns a result; may throw what JDBC throws. */
    public interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Runs {@code work} on one connection in a transaction of its own, and {@link #committed()} after the commit. */
    public <T> T inTransaction(ConnectionWork<T> work) {
        T result = transactions.execute(status -> jdbc.execute((Connection connection) -> work.apply(connection)));
        committed();
        return result;
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
