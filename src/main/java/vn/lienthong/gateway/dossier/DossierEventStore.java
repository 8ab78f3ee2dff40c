package vn.lienthong.gateway.dossier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import vn.lienthong.gateway.dossier.model.DossierEvent;

/**
 * The delivery state of every dossier event (table dossier_event). The event id is the primary key:
 * the database, not a cache, decides whether an event was already accepted, so two gateway instances
 * sharing one database cannot both take the same event. Every method is one statement (auto-commit), but for
 * those given a connection: they write inside the caller's transaction.
 */
@Repository
public class DossierEventStore {

    /** What an intake found. */
    public enum Intake { NEW, NOT_YET_QUEUED, DUPLICATE, CONFLICT }

    private static final String COLUMNS = "event_id, seq, dossier_code, agency_code, local_status, national_status, portal_service, "
            + "occurred_at, source, payload_sha256, payload, state, attempts, last_error, accepted_at, updated_at, delivered_at";

    private final JdbcTemplate jdbc;

    public DossierEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static final String INSERT = "insert into dossier_event (event_id, dossier_code, agency_code, local_status, national_status, "
            + "portal_service, occurred_at, source, payload_sha256, payload, state, attempts, accepted_at, updated_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 0, ?, ?)";

    /** Writes a new event as RECEIVED; says what was there when the id is known already. */
    public Intake receive(DossierEvent event, String payload, String sha256, String source) {
        OffsetDateTime now = now();
        try {
            jdbc.update(INSERT, event.eventId, event.dossierCode, event.agencyCode, event.localStatus, event.nationalStatus,
                    event.portalService(), event.occurredAt, source, sha256, payload, now, now);
            return Intake.NEW;
        } catch (DuplicateKeyException e) {
            StoredEvent existing = find(event.eventId).orElseThrow(() -> e);
            return known(existing.payloadSha256(), existing.state(), sha256);
        }
    }

    /**
     * {@link #receive(DossierEvent, String, String, String)} on the caller's connection, inside its transaction (the
     * message log's next batch): a known id is looked up first, so that a repeat does not fail the shared transaction.
     * Only two instances inserting the same new id at once still meet the primary key, as an {@link SQLException}.
     */
    public Intake receive(Connection connection, DossierEvent event, String payload, String sha256, String source) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select payload_sha256, state from dossier_event where event_id = ?")) {
            select.setString(1, event.eventId);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return known(row.getString(1), EventState.valueOf(row.getString(2)), sha256);
                }
            }
        }
        OffsetDateTime now = now();
        Object[] values = {event.eventId, event.dossierCode, event.agencyCode, event.localStatus, event.nationalStatus,
                event.portalService(), event.occurredAt, source, sha256, payload, now, now};
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
        return Intake.NEW;
    }

    /** What an intake found when the event id was accepted before, with this payload hash and state. */
    private static Intake known(String storedSha256, EventState state, String sha256) {
        if (!storedSha256.equals(sha256)) {
            return Intake.CONFLICT;
        }
        return state == EventState.RECEIVED ? Intake.NOT_YET_QUEUED : Intake.DUPLICATE;
    }

    public Optional<StoredEvent> find(String eventId) {
        return jdbc.query("select " + COLUMNS + " from dossier_event where event_id = ?", ROW, eventId).stream().findFirst();
    }

    public List<StoredEvent> forDossier(String dossierCode) {
        return jdbc.query("select " + COLUMNS + " from dossier_event where dossier_code = ? order by seq", ROW, dossierCode);
    }

    /** An event the delivery took from the queue, and the first earlier event of its dossier not delivered yet, if any. */
    public record ToDeliver(StoredEvent event, Optional<String> earlierUndelivered) {
    }

    /**
     * The event, with the first earlier event of the same dossier that is not delivered yet (on the queue,
     * dead-lettered or held): what the delivery asks before each event, in one statement.
     */
    public Optional<ToDeliver> findToDeliver(String eventId) {
        return jdbc.query("select " + COLUMNS + ", (select u.event_id from dossier_event u where u.dossier_code = e.dossier_code "
                        + "and u.seq < e.seq and u.state in ('QUEUED', 'FAILED', 'HELD') order by u.seq fetch first 1 row only) "
                        + "as earlier_undelivered from dossier_event e where e.event_id = ?",
                (rs, i) -> new ToDeliver(ROW.mapRow(rs, i), Optional.ofNullable(rs.getString("earlier_undelivered"))), eventId)
                .stream().findFirst();
    }

    public List<StoredEvent> held(String dossierCode) {
        return jdbc.query("select " + COLUMNS + " from dossier_event where dossier_code = ? and state = 'HELD' order by seq",
                ROW, dossierCode);
    }

    private static final String QUEUED = "update dossier_event set state = 'QUEUED', updated_at = ? where event_id = ? and state = 'RECEIVED'";

    /**
     * RECEIVED -> QUEUED, once the intake has put the event on the queue. Only a RECEIVED row moves: the
     * delivery may already have taken the event further (delivered, or held behind an earlier one).
     */
    public void queued(String eventId) {
        jdbc.update(QUEUED, now(), eventId);
    }

    /** {@link #queued(String)} on the caller's connection, inside its transaction (the intake's message-log record). */
    public void queued(Connection connection, String eventId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(QUEUED)) {
            statement.setObject(1, now());
            statement.setString(2, eventId);
            statement.executeUpdate();
        }
    }

    /** A replay: only a dead-lettered or held event goes back to the queue. */
    public boolean requeue(String eventId) {
        return jdbc.update("update dossier_event set state = 'QUEUED', last_error = null, updated_at = ? "
                + "where event_id = ? and state in ('FAILED', 'HELD')", now(), eventId) == 1;
    }

    /**
     * An operator's decision not to deliver a FAILED event: SKIPPED, with the reason. Only a FAILED event moves
     * (a delivered one was delivered; a queued or held one may still be). The dossier's later events stop waiting for it:
     * {@link #findToDeliver} counts only queued, failed and held events as undelivered.
     */
    public boolean skip(String eventId, String reason) {
        return jdbc.update("update dossier_event set state = 'SKIPPED', last_error = ?, updated_at = ? where event_id = ? and state = 'FAILED'",
                clip(reason), now(), eventId) == 1;
    }

    public void attemptFailed(String eventId, String error) {
        jdbc.update("update dossier_event set attempts = attempts + 1, last_error = ?, updated_at = ? where event_id = ?",
                clip(error), now(), eventId);
    }

    private static final String DELIVERED = "update dossier_event set state = 'DELIVERED', attempts = attempts + 1, last_error = null, "
            + "delivered_at = ?, updated_at = ? where event_id = ? and state <> 'DELIVERED'";

    /** Marks the event DELIVERED on the caller's connection, inside its transaction (the message log's next batch). */
    public boolean delivered(Connection connection, String eventId) throws SQLException {
        OffsetDateTime now = now();
        try (PreparedStatement statement = connection.prepareStatement(DELIVERED)) {
            statement.setObject(1, now);
            statement.setObject(2, now);
            statement.setString(3, eventId);
            return statement.executeUpdate() == 1;
        }
    }

    public boolean failed(String eventId, String reason) {
        return 1 == jdbc.update("update dossier_event set state = 'FAILED', attempts = attempts + 1, last_error = ?, updated_at = ? "
                + "where event_id = ? and state <> 'DELIVERED'", clip(reason), now(), eventId);
    }

    public boolean hold(String eventId, String reason) {
        return 1 == jdbc.update("update dossier_event set state = 'HELD', last_error = ?, updated_at = ? where event_id = ? and state <> 'DELIVERED'",
                clip(reason), now(), eventId);
    }

    public long count(EventState state) {
        Long n = jdbc.queryForObject("select count(*) from dossier_event where state = ?", Long.class, state.name());
        return n == null ? 0 : n;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    private static final RowMapper<StoredEvent> ROW = (ResultSet rs, int i) -> new StoredEvent(
            rs.getString("event_id"), rs.getLong("seq"), rs.getString("dossier_code"), rs.getString("agency_code"),
            rs.getString("local_status"), rs.getInt("national_status"), rs.getString("portal_service"),
            rs.getString("occurred_at"), rs.getString("source"), rs.getString("payload_sha256"), rs.getString("payload"),
            EventState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getString("last_error"),
            time(rs, "accepted_at"), time(rs, "updated_at"), time(rs, "delivered_at"));

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }
}
