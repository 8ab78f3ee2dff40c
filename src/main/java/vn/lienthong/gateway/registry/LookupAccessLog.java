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
    /** Set by {@link #begin}: this exchange is a registry look-up or a reuse check, to be recorded. */
    static final String RECORDED = "gateway.lookupRecorded";
    /** Boolean: the applicant explicitly asked for their data to be fetched (EU once-only: explicit request). */
    public static final String EXPLICIT_REQUEST = "gateway.explicitRequest";
    /** The officer or system at the partner on whose behalf the partner asked, when the request names one. */
    public static final String ON_BEHALF_OF = "gateway.onBehalfOf";

    private final JdbcTemplate jdbc;

    public LookupAccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the exchange as a look-up of {@code service}: {@link #record} will write it, answered or refused. */
    public static void begin(Exchange exchange, String service) {
        exchange.setProperty(SERVICE, service);
        exchange.setProperty(RECORDED, Boolean.TRUE);
    }

    /** Called once per look-up, when the route has its outcome (success or a coded error). */
    public void record(Exchange exchange) {
        if (!exchange.getProperty(RECORDED, false, Boolean.class)) {
            return; // not a registry look-up (the shared error handling calls this for every API route)
        }
        String outcome = exchange.getProperty(RequestContext.OUTCOME, "OK", String.class);
        Long started = exchange.getProperty(RequestContext.STARTED_NANOS, Long.class);
        long millis = started == null ? 0 : (System.nanoTime() - started) / 1_000_000;
        jdbc.update("insert into lookup_access_log (requested_at, request_id, requester, service, purpose, subject_id, outcome, duration_ms, explicit_request, on_behalf_of)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()),
                RequestContext.requestId(exchange),
                exchange.getProperty(RequestContext.REQUESTER, "anonymous", String.class),
                exchange.getProperty(SERVICE, "unknown", String.class),
                exchange.getProperty(RequestContext.PURPOSE, "unspecified", String.class),
                exchange.getProperty(SUBJECT, String.class),
                outcome,
                millis,
                exchange.getProperty(EXPLICIT_REQUEST, Boolean.class),
                exchange.getProperty(ON_BEHALF_OF, String.class));
    }

    /** The most recent entries for one request id, newest first (for support and tests). */
    public List<Map<String, Object>> findByRequestId(String requestId) {
        return jdbc.queryForList("select * from lookup_access_log where request_id = ? order by id desc", requestId);
    }
}
