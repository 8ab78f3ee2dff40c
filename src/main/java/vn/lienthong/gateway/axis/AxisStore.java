package vn.lienthong.gateway.axis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The axis tables (db/migration V8__axis.sql): sent documents, their status trace, received packages. */
public class AxisStore {

    private final JdbcTemplate jdbc;

    public AxisStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(SentDocument d) {
        jdbc.update("insert into axis_document (id, document_id, from_organ, to_organs, subject, state, package_xml, package_sha256,"
                        + " requester, axis_id, attempts, last_error, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                d.id(), d.documentId(), d.fromOrgan(), String.join(",", d.toOrgans()), d.subject(), d.state(), d.packageXml(),
                d.packageSha256(), d.requester(), d.axisId(), d.attempts(), d.lastError(),
                Timestamp.from(d.createdAt()), Timestamp.from(d.updatedAt()));
    }

    public void delete(String id) {
        jdbc.update("delete from axis_document where id = ?", id);
    }

    public Optional<SentDocument> find(String id) {
        return jdbc.query("select * from axis_document where id = ?", AxisStore::document, id).stream().findFirst();
    }

    public Optional<SentDocument> findByDocumentId(String documentId, String fromOrgan) {
        return jdbc.query("select * from axis_document where document_id = ? and from_organ = ? order by created_at desc",
                AxisStore::document, documentId, fromOrgan).stream().findFirst();
    }

    /** One more delivery attempt is starting. */
    public void attempt(String id) {
        jdbc.update("update axis_document set attempts = attempts + 1, updated_at = ? where id = ?", Timestamp.from(Instant.now()), id);
    }

    public void state(String id, String state, String axisId, String lastError) {
        jdbc.update("update axis_document set state = ?, axis_id = coalesce(?, axis_id), last_error = ?, updated_at = ? where id = ?",
                state, axisId, lastError == null ? null : clip(lastError, 1000), Timestamp.from(Instant.now()), id);
    }

    /** Records a status feedback; false when the same status was already recorded (a repeated message). */
    public boolean addTrace(String documentRef, String code, String organId, String description, String statusTime) {
        try {
            jdbc.update("insert into axis_trace (document_ref, status_code, organ_id, description, status_time, recorded_at) values (?,?,?,?,?,?)",
                    documentRef, code, organId, description == null ? null : clip(description, 4000), statusTime, Timestamp.from(Instant.now()));
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    public List<SentDocument.Trace> trace(String documentRef) {
        return jdbc.query("select * from axis_trace where document_ref = ? order by recorded_at, status_code",
                (rs, n) -> new SentDocument.Trace(rs.getString("status_code"), rs.getString("organ_id"), rs.getString("description"),
                        rs.getString("status_time"), rs.getTimestamp("recorded_at").toInstant()), documentRef);
    }

    /** What {@link #claimReceived} found. */
    public enum Claim {
        /** First seen: this caller delivers and acknowledges it. */
        NEW,
        /** Seen before, left unfinished by a claim older than the lease (a crash): this caller finishes it. */
        TAKEN_OVER,
        /** Delivered and acknowledged before: nothing to do but tell the axis it is done. */
        FINISHED,
        /** Another instance claimed it within the lease and is handling it now: leave it alone. */
        BUSY
    }

    /**
     * Claims a received package for delivery, one claimant at a time across every instance sharing the
     * database: the insert of its row (primary key: sender, document, addressee), or, when the row exists
     * unfinished, a conditional update that succeeds for one caller only once the previous claim is older
     * than {@code lease}.
     */
    public Claim claimReceived(String fromOrgan, String documentId, String toOrgan, String axisId, String sha256, String deliveredTo,
                               Duration lease) {
        Timestamp now = Timestamp.from(Instant.now());
        try {
            jdbc.update("insert into axis_received (from_organ, document_id, to_organ, axis_id, package_sha256, delivered_to, received_at,"
                            + " claimed_at) values (?,?,?,?,?,?,?,?)", fromOrgan, documentId, toOrgan, axisId, sha256, deliveredTo, now, now);
            return Claim.NEW;
        } catch (DuplicateKeyException e) {
            int taken = jdbc.update("update axis_received set claimed_at = ? where from_organ = ? and document_id = ? and to_organ = ?"
                            + " and (delivered_at is null or acknowledged_at is null) and claimed_at < ?",
                    now, fromOrgan, documentId, toOrgan, Timestamp.from(now.toInstant().minus(lease)));
            if (taken == 1) {
                return Claim.TAKEN_OVER;
            }
            boolean[] progress = receivedProgress(fromOrgan, documentId, toOrgan);
            return progress[0] && progress[1] ? Claim.FINISHED : Claim.BUSY;
        }
    }

    /** What was done for a claimed package: [delivered, acknowledged]. */
    public boolean[] receivedProgress(String fromOrgan, String documentId, String toOrgan) {
        return jdbc.query("select delivered_at, acknowledged_at from axis_received where from_organ = ? and document_id = ? and to_organ = ?",
                (rs, n) -> new boolean[]{rs.getTimestamp(1) != null, rs.getTimestamp(2) != null}, fromOrgan, documentId, toOrgan)
                .stream().findFirst().orElse(new boolean[]{false, false});
    }

    /** How the received package was signed (XML-DSig algorithm URI, null when unsigned) and the quirks it was accepted with. */
    public void recordSignature(String fromOrgan, String documentId, String toOrgan, String algorithm, String quirks) {
        jdbc.update("update axis_received set signature_algorithm = ?, quirks = ? where from_organ = ? and document_id = ? and to_organ = ?",
                algorithm, quirks == null || quirks.isEmpty() ? null : quirks, fromOrgan, documentId, toOrgan);
    }

    public void markDelivered(String fromOrgan, String documentId, String toOrgan) {
        jdbc.update("update axis_received set delivered_at = ? where from_organ = ? and document_id = ? and to_organ = ?",
                Timestamp.from(Instant.now()), fromOrgan, documentId, toOrgan);
    }

    public void markAcknowledged(String fromOrgan, String documentId, String toOrgan) {
        jdbc.update("update axis_received set acknowledged_at = ? where from_organ = ? and document_id = ? and to_organ = ?",
                Timestamp.from(Instant.now()), fromOrgan, documentId, toOrgan);
    }

    /** The delivery failed after the claim: forget it, so that the next poll tries again. */
    public void releaseReceived(String fromOrgan, String documentId, String toOrgan) {
        jdbc.update("delete from axis_received where from_organ = ? and document_id = ? and to_organ = ?", fromOrgan, documentId, toOrgan);
    }

    private static SentDocument document(ResultSet rs, int row) throws SQLException {
        return new SentDocument(rs.getString("id"), rs.getString("document_id"), rs.getString("from_organ"),
                Arrays.asList(rs.getString("to_organs").split(",")), rs.getString("subject"), rs.getString("state"),
                rs.getBytes("package_xml"), rs.getString("package_sha256"), rs.getString("requester"), rs.getString("axis_id"),
                rs.getInt("attempts"), rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
