package vn.lienthong.gateway.registry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.RequestContext;

/**
 * Records every registry look-up: who asked, when, for what purpose, about whom, and the outcome.
 * Kept in the database (table {@code lookup_access_log}); the subject's identifier is stored in
 * full there, because the owner must be able to learn who looked them up, and masked everywhere else.
 */
@Component("lookupAccessLog")
public class LookupAccessLog {

    public static final String SERVICE = RequestContext.SERVICE;
    public static final String SUBJECT = "gateway.subject";

    private final JdbcTemplate jdbc;

    public LookupAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called once per look-up, when the route has its outcome (success or a coded error). */
    public void record(Exchange exchange) {
        if (!exchange.getProperty(SERVICE, "", String.class).equals(CitizenLookup.SERVICE_NAME)) {
            return; // not a registry look-up (the shared error handling calls this for every API route)
        }
        String outcome = exchange.getProperty(RequestContext.OUTCOME, "OK", String.class);
        Long started = exchange.getProperty(RequestContext.STARTED_NANOS, Long.class);
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        jdbc.update("insert into lookup_access_log (requested_at, request_id, requester, service, purpose, subject_id, outcome, duration_ms)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()),
                RequestContext.requestId(exchange),
                exchange.getProperty(RequestContext.REQUESTER, "anonymous", String.class),
                exchange.getProperty(SERVICE, "unknown", String.class),
                exchange.getProperty(RequestContext.PURPOSE, "unspecified", String.class),
                exchange.getProperty(SUBJECT, String.class),
                outcome,
                millis);
    }

    /** The most recent entries for one request id, newest first (for support and tests). */
    public List<Map<String, Object>> findByRequestId(String requestId) {
        return jdbc.queryForList("select * from lookup_access_log where request_id = ? order by id desc", requestId);
    }
}
