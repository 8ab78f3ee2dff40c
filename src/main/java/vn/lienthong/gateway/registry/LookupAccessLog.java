package vn.lienthong.gateway.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.AnswerRecord;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.api.TextRule;

/**
 * Records every registry look-up: who asked, when, for what purpose, about whom, and the outcome.
 * Kept in the database (table {@code lookup_access_log}); the subject's identifier is stored in
 * full there, because the owner must be able to learn who looked them up, and masked everywhere else.
 */
@Component("lookupAccessLog")
public class LookupAccessLog {

    public static final String SERVICE = RequestContext.SERVICE;
    public static final String SUBJECT = "gateway.subject";
    /** Set by {@link #begin}: this exchange is a registry look-up or a reuse check, to be recorded. */
    static final String RECORDED = "gateway.lookupRecorded";
    /** Boolean: the applicant explicitly asked for their data to be fetched (EU once-only: explicit request). */
    public static final String EXPLICIT_REQUEST = "gateway.explicitRequest";
    /** The officer or system at the partner on whose behalf the partner asked, when the request names one. */
    public static final String ON_BEHALF_OF = "gateway.onBehalfOf";

    private static final String INSERT = "insert into lookup_access_log (requested_at, request_id, requester, service, purpose,"
            + " subject_id, outcome, duration_ms, explicit_request, on_behalf_of) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int[] SQL_TYPES = {Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.BOOLEAN, Types.VARCHAR};
    private static final int OUTCOME_INDEX = 6;

    private final JdbcTemplate jdbc;

    public LookupAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the exchange as a look-up of {@code service}: {@link #record} will write it, answered or refused. */
    public static void begin(Exchange exchange, String service) {
        exchange.setProperty(SERVICE, service);
        exchange.setProperty(RECORDED, Boolean.TRUE);
    }

    /**
     * The route step that records this exchange as a look-up, in one step and without a prerequisite:
     * {@code - bean: {ref: lookupAccessLog, method: "lookup(*, ${exchangeProperty.number}, ${header.purpose}, ${header.onBehalfOf})"}}.
     * {@code subject} is whom the look-up is about (kept in full in the access log, masked everywhere else); {@code purpose}
     * and {@code onBehalfOf} replace what the request said when they are not blank. The service is the one of the grant the
     * API gate matched (or the one a step named). The row is written with the exchange's final outcome, answered or refused,
     * in the same transaction as its message-log record (routes with {@code routeConfigurationId: partner-api}); a route
     * without that configuration still gets its row, written when the exchange ends.
     */
    public void lookup(Exchange exchange, String subject, String purpose, String onBehalfOf) {
        RequestContext.open(exchange);
        exchange.setProperty(RECORDED, Boolean.TRUE);
        if (exchange.getProperty(SERVICE) == null) {
            exchange.setProperty(SERVICE, exchange.getFromRouteId());
        }
        if (subject != null && !subject.isBlank()) {
            TextRule.check("subject", subject);
            exchange.setProperty(SUBJECT, subject.strip());
        }
        if (purpose != null && !purpose.isBlank()) {
            TextRule.check("purpose", purpose);
            exchange.setProperty(RequestContext.PURPOSE, clip(purpose.strip(), 200));
        }
        if (onBehalfOf != null && !onBehalfOf.isBlank()) {
            TextRule.check("onBehalfOf", onBehalfOf);
            exchange.setProperty(ON_BEHALF_OF, clip(onBehalfOf.strip(), 100));
        }
        // a row now, replaced by the one with the final outcome: never a look-up without its row
        record(exchange);
    }

    /**
     * Called once per look-up, when the route has its outcome (success or a coded error). The row is not
     * written here: it is left on the exchange as an {@link AnswerRecord}, which the exchange's message-log
     * record commits in its own transaction before the partner is answered (one group commit for both).
     * Should nothing take it by the end of the exchange, it is written then, on its own.
     */
    public void record(Exchange exchange) {
        if (!exchange.getProperty(RECORDED, false, Boolean.class)) {
            return; // not a registry look-up (the shared error handling calls this for every API route)
        }
        if (exchange.getProperty(RequestContext.ANSWERED) != null) {
            return; // the row already went with the answer's message-log record
        }
        Long started = exchange.getProperty(RequestContext.STARTED_NANOS, Long.class);
        Row row = new Row(Timestamp.from(Instant.now()),
                clip(RequestContext.requestId(exchange), 64),
                clip(exchange.getProperty(RequestContext.REQUESTER, "anonymous", String.class), 64),
                clip(exchange.getProperty(SERVICE, "unknown", String.class), 64),
                clip(exchange.getProperty(RequestContext.PURPOSE, "unspecified", String.class), 200),
                clip(exchange.getProperty(SUBJECT, String.class), 32),
                clip(exchange.getProperty(RequestContext.OUTCOME, "OK", String.class), 40),
                started == null ? 0 : (System.nanoTime() - started) / 1_000_000,
                exchange.getProperty(EXPLICIT_REQUEST, Boolean.class),
                clip(exchange.getProperty(ON_BEHALF_OF, String.class), 100));
        // a second record of the same exchange (an error after the first) replaces the first: one row, the final outcome
        AnswerRecord.leave(exchange, row);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** One access-log row, written with the exchange's message-log record or alone. */
    private final class Row implements AnswerRecord {
        private final Object[] values;

        Row(Timestamp requestedAt, String requestId, String requester, String service, String purpose, String subject,
            String outcome, long millis, Boolean explicitRequest, String onBehalfOf) {
            this.values = new Object[]{requestedAt, requestId, requester, service, purpose, subject, outcome, millis,
                    explicitRequest, onBehalfOf};
        }

        @Override
        public void insert(Connection connection) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == null) {
                        statement.setNull(i + 1, SQL_TYPES[i]);
                    } else {
                        statement.setObject(i + 1, values[i], SQL_TYPES[i]);
                    }
                }
                statement.executeUpdate();
            }
        }

        @Override
        public void insertAlone(String outcome) {
            Object[] row = values.clone();
            if (outcome != null) {
                row[OUTCOME_INDEX] = clip(outcome, 40);
            }
            jdbc.update(INSERT, row, SQL_TYPES);
        }
    }

    /** The most recent entries for one request id, newest first (for support and tests). */
    public List<Map<String, Object>> findByRequestId(String requestId) {
        return jdbc.queryForList("select * from lookup_access_log where request_id = ? order by id desc", requestId);
    }
}
