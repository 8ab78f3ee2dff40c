package vn.lienthong.gateway.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The intake's memory (tables intake_batch, intake_item): each batch's progress and each item's
 * outcome, keyed by partner + batch id (+ item id). An ACCEPTED item is what makes a redelivered
 * batch idempotent. One consumer per partner writes a partner's rows, so an update-then-insert
 * upsert (portable across H2 and PostgreSQL) cannot race with itself.
 */
@Component
public class IntakeLedger {

    private final JdbcTemplate jdbc;

    public IntakeLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Starts (or restarts) a delivery of the batch; returns the delivery number (1 for the first). */
    public int begin(String partner, String batchId, String folder, int total) {
        Instant now = Instant.now();
        int updated = jdbc.update("update intake_batch set folder = ?, state = 'RUNNING', items_total = ?, deliveries = deliveries + 1,"
                + " started_at = ?, finished_at = null, last_error = null where partner = ? and batch_id = ?",
                folder, total, Timestamp.from(now), partner, batchId);
        if (updated == 0) {
            jdbc.update("insert into intake_batch (partner, batch_id, folder, state, items_total, deliveries, started_at)"
                    + " values (?, ?, ?, 'RUNNING', ?, 1, ?)", partner, batchId, folder, total, Timestamp.from(now));
        }
        return jdbc.queryForObject("select deliveries from intake_batch where partner = ? and batch_id = ?", Integer.class, partner, batchId);
    }

    /** The items of this batch accepted in any delivery, by item id. */
    public Map<String, ItemOutcome> accepted(String partner, String batchId) {
        return jdbc.query("select item_id, file_name, sha256, document_id from intake_item where partner = ? and batch_id = ? and outcome = 'ACCEPTED'",
                        (rs, n) -> new ItemOutcome(rs.getString(1), rs.getString(2), rs.getString(3), true, rs.getObject(4, UUID.class), null, null),
                        partner, batchId)
                .stream().collect(Collectors.toMap(ItemOutcome::itemId, Function.identity()));
    }

    /**
     * Records an item's outcome. An ACCEPTED row is final: a later outcome (a conflicting redelivery,
     * refused) never overwrites it, so the item stays accepted with its document id and the next
     * delivery of changed content is refused as a conflict again instead of being deposited anew.
     */
    public void record(String partner, String batchId, int delivery, ItemOutcome o) {
        Timestamp now = Timestamp.from(Instant.now());
        String outcome = o.accepted() ? "ACCEPTED" : "REFUSED";
        int updated = jdbc.update("update intake_item set delivery = ?, outcome = ?, file_name = ?, sha256 = ?, document_id = ?, code = ?, message = ?,"
                        + " updated_at = ? where partner = ? and batch_id = ? and item_id = ? and (outcome <> 'ACCEPTED' or document_id = ?)",
                delivery, outcome, o.file(), o.sha256(), o.documentId(), o.code(), clip(o.message()), now, partner, batchId, o.itemId(),
                o.accepted() ? o.documentId() : null);
        if (updated == 0 && !exists(partner, batchId, o.itemId())) {
            jdbc.update("insert into intake_item (partner, batch_id, item_id, delivery, outcome, file_name, sha256, document_id, code, message, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", partner, batchId, o.itemId(), delivery, outcome, o.file(), o.sha256(),
                    o.documentId(), o.code(), clip(o.message()), now);
        }
    }

    private boolean exists(String partner, String batchId, String itemId) {
        return jdbc.queryForObject("select count(*) from intake_item where partner = ? and batch_id = ? and item_id = ?", Integer.class,
                partner, batchId, itemId) > 0;
    }

    /** The batch is receipted and out of the inbox; {@code error} says why when it was given up (null when it completed). */
    public void finish(String partner, String batchId, String error) {
        jdbc.update("update intake_batch set state = 'COMPLETED', finished_at = ?, last_error = ? where partner = ? and batch_id = ?",
                Timestamp.from(Instant.now()), clip(error), partner, batchId);
    }

    public void interrupted(String partner, String batchId, String error) {
        jdbc.update("update intake_batch set state = 'RETRYING', last_error = ? where partner = ? and batch_id = ?", clip(error), partner, batchId);
    }

    /** The batches with this id (one per partner that used it). */
    public List<BatchProgress> progress(String batchId) {
        return jdbc.query("select b.partner, b.batch_id, b.folder, b.state, b.items_total, b.deliveries, b.started_at, b.finished_at, b.last_error,"
                + " (select count(*) from intake_item i where i.partner = b.partner and i.batch_id = b.batch_id and i.delivery = b.deliveries and i.outcome = 'ACCEPTED'),"
                + " (select count(*) from intake_item i where i.partner = b.partner and i.batch_id = b.batch_id and i.delivery = b.deliveries and i.outcome = 'REFUSED')"
                + " from intake_batch b where b.batch_id = ? order by b.partner", PROGRESS, batchId);
    }

    public Optional<BatchProgress> progress(String partner, String batchId) {
        return progress(batchId).stream().filter(p -> p.partner().equals(partner)).findFirst();
    }

    private static final RowMapper<BatchProgress> PROGRESS = (rs, n) -> new BatchProgress(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getInt(5), rs.getInt(10), rs.getInt(11), rs.getInt(6), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
            rs.getString(9));

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String clip(String s) {
        return s == null || s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
