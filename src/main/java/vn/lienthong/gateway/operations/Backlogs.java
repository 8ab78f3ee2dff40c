package vn.lienthong.gateway.operations;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What waits in the gateway's stores, counted by state: dossier events (pending = RECEIVED + QUEUED, HELD,
 * FAILED), online dossiers on their way to iGate, documents on their way to the axis, intake batches in
 * progress; and the message log's chain (last seal, records not sealed yet). Plain counting queries on the
 * stores' state columns (indexed where they are large: dossier_event).
 */
@Component
public class Backlogs {

    private final JdbcTemplate jdbc;

    public Backlogs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Object> counts() {
        Map<String, Object> backlogs = new LinkedHashMap<>();
        Map<String, Long> events = byState("dossier_event");
        backlogs.put("dossierEvents", Map.of(
                "pending", events.getOrDefault("RECEIVED", 0L) + events.getOrDefault("QUEUED", 0L),
                "held", events.getOrDefault("HELD", 0L),
                "failed", events.getOrDefault("FAILED", 0L),
                "byState", events));
        Map<String, Long> online = byState("portal_online_dossier");
        backlogs.put("onlineDossiers", Map.of(
                "pending", online.getOrDefault("RECEIVED", 0L) + online.getOrDefault("QUEUED", 0L),
                "failed", online.getOrDefault("FAILED", 0L),
                "byState", online));
        Map<String, Long> axis = byState("axis_document");
        backlogs.put("axisOutbound", Map.of(
                "pending", axis.getOrDefault("QUEUED", 0L),
                "failed", axis.getOrDefault("DELIVERY_FAILED", 0L),
                "byState", axis));
        Map<String, Long> batches = byState("intake_batch");
        backlogs.put("intakeBatches", Map.of(
                "inProgress", batches.getOrDefault("RUNNING", 0L) + batches.getOrDefault("RETRYING", 0L),
                "retrying", batches.getOrDefault("RETRYING", 0L),
                "byState", batches));
        return backlogs;
    }

    private Map<String, Long> byState(String table) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select state, count(*) from " + table + " group by state",
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    /** The message log's chain: its head, its last seal, how many records wait for the next seal. */
    public Map<String, Object> chain() {
        Map<String, Object> chain = new LinkedHashMap<>();
        jdbc.query("select last_seq, last_sealed_seq, last_seal_no from message_log_head where id = 1", rs -> {
            chain.put("lastRecord", rs.getLong(1));
            chain.put("lastSealedRecord", rs.getLong(2));
            chain.put("unsealedRecords", rs.getLong(1) - rs.getLong(2));
            chain.put("lastSealNo", rs.getLong(3));
        });
        jdbc.query("select sealed_at from message_log_seal where seal_no = (select max(seal_no) from message_log_seal)", rs -> {
            OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
            chain.put("lastSealAt", at == null ? null : at.toInstant());
        });
        chain.putIfAbsent("lastSealAt", (Instant) null);
        return chain;
    }
}
