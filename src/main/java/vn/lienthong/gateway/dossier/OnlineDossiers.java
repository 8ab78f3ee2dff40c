package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The other direction (routes/portal-online-dossiers.camel.yaml): dossiers submitted online on the
 * national portal are fetched ({@code LayDanhSachHoSoTrucTuyen} from the last sequence number kept),
 * checked ({@link OnlineDossierList}), written (table portal_online_dossier, keyed by the dossier code:
 * fetched twice or by two instances, kept once), put on the persistent queue {@code igate.online-dossiers}
 * in the dossier's message group, and forwarded to iGate; a forwarded dossier is never forwarded again.
 * <p>
 * Queuing claims the row: in one database transaction the row moves RECEIVED → QUEUED (a second instance
 * waits on the row and then finds nothing to claim) and the message is sent; a failed send rolls the claim
 * back, so the next poll queues it again. A crash between the send and the commit can leave one extra
 * message: the consumer forwards only what is not FORWARDED yet, and the message group hands both messages
 * of a dossier to one consumer, one after the other.
 */
@Component("onlineDossiers")
public class OnlineDossiers {

    public static final String CODE_HEADER = "MaHoSo";
    public static final String QUEUE = "igate.online-dossiers";
    private static final String CODE_PROPERTY = "onlineDossierCode";
    private static final Logger LOG = LoggerFactory.getLogger(OnlineDossiers.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One kept dossier and where it stands. */
    public record Row(String code, long portalSeq, String payload, String state, int attempts, String lastError,
                      OffsetDateTime fetchedAt, OffsetDateTime forwardedAt) {
    }

    private final JdbcTemplate jdbc;
    private final ProducerTemplate producer;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final String agencyCode;

    public OnlineDossiers(JdbcTemplate jdbc, @Lazy ProducerTemplate producer, PlatformTransactionManager transactions,
                          MeterRegistry meters, @Value("${gateway.dossier.online.agency-code:000.00.00.H41}") String agencyCode) {
        this.jdbc = jdbc;
        this.producer = producer;
        this.transactions = new TransactionTemplate(transactions);
        this.meters = meters;
        this.agencyCode = agencyCode;
    }

    /** The portal request: online dossiers of this province after the last one kept. */
    public String request() throws Exception {
        Long last = jdbc.queryForObject("select max(portal_seq) from portal_online_dossier", Long.class);
        return JSON.writeValueAsString(Map.of("service", "LayDanhSachHoSoTrucTuyen", "madonvi", agencyCode,
                "TuSo", last == null ? 0 : last));
    }

    /** Keeps the acceptable dossiers of the portal's answer, then queues every kept dossier not yet queued. */
    public int store(Exchange exchange) {
        OnlineDossierList.Result list;
        try {
            list = OnlineDossierList.read(exchange.getMessage().getBody(String.class));
        } catch (OnlineDossierList.RefusedAnswer refused) {
            count("refused-answer", 1);
            LOG.error("The portal's list of online dossiers was refused ({}); nothing of it was kept", refused.getMessage());
            return 0;
        }
        for (OnlineDossierList.Refusal refusal : list.refused()) {
            count("refused", 1);
            LOG.error("Online dossier SoThuTu={} from the portal was refused ({}); it is not kept or forwarded", refusal.seq(), refusal.reason());
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (OnlineDossierList.Entry entry : list.entries()) {
            try {
                jdbc.update("insert into portal_online_dossier (ma_ho_so, portal_seq, payload, state, attempts, fetched_at) "
                        + "values (?, ?, ?, 'RECEIVED', 0, ?)", entry.code(), entry.seq(), entry.json(), now);
                count("fetched", 1);
            } catch (DuplicateKeyException alreadyFetched) {
                // fetched before (by this instance or another): kept once
            }
        }
        return queuePending();
    }

    /** Queues every kept dossier still RECEIVED (the new ones, and any whose earlier queuing failed). */
    public int queuePending() {
        int queued = 0;
        for (Map<String, Object> row : jdbc.queryForList(
                "select ma_ho_so, payload from portal_online_dossier where state = 'RECEIVED' order by portal_seq")) {
            if (claimAndQueue((String) row.get("ma_ho_so"), (String) row.get("payload"), "RECEIVED")) {
                queued++;
            }
        }
        return queued;
    }

    /** A dead-lettered (FAILED) dossier back on the queue; false when it is not FAILED. */
    public boolean replay(String code) {
        return find(code).map(row -> claimAndQueue(code, row.payload(), "FAILED")).orElse(false);
    }

    /** In one transaction: the row leaves {@code from} for QUEUED, and the message is sent; false when the row was not in {@code from}. */
    private boolean claimAndQueue(String code, String payload, String from) {
        Boolean queued = transactions.execute(tx -> {
            if (jdbc.update("update portal_online_dossier set state = 'QUEUED', last_error = null where ma_ho_so = ? and state = ?",
                    code, from) != 1) {
                return false;
            }
            Exchange sent = producer.send("direct:igate-online-dossier-enqueue", ex -> {
                ex.getMessage().setHeader(CODE_HEADER, code);
                ex.getMessage().setHeader(DossierApi.GROUP_ID, code);
                ex.getMessage().setBody(payload);
            });
            if (sent.getException() != null) {
                throw new IllegalStateException("The online dossier " + code + " could not be queued", sent.getException());
            }
            return true;
        });
        return Boolean.TRUE.equals(queued);
    }

    /** False when the dossier was forwarded already (a repeated message): not sent again. */
    public boolean mustForward(Exchange exchange) {
        String code = exchange.getMessage().getHeader(CODE_HEADER, String.class);
        exchange.setProperty(CODE_PROPERTY, code);
        String state = code == null ? null : state(code);
        if (state == null) {
            LOG.warn("A message on {} names no kept online dossier ({}); dropped", QUEUE, code);
            return false;
        }
        return !"FORWARDED".equals(state);
    }

    public void forwarded(Exchange exchange) {
        if (!"true".equals(exchange.getMessage().getHeader("IgateAccepted", String.class))) {
            throw new IllegalStateException("iGate's connector returned without its acceptance; not recorded as forwarded");
        }
        jdbc.update("update portal_online_dossier set state = 'FORWARDED', attempts = attempts + 1, last_error = null, forwarded_at = ? "
                + "where ma_ho_so = ?", OffsetDateTime.now(ZoneOffset.UTC), exchange.getProperty(CODE_PROPERTY, String.class));
        count("forwarded", 1);
    }

    /** Before each redelivery: the failed attempt is counted, with its error (shown by the status API). */
    public void attemptFailed(Exchange exchange) {
        jdbc.update("update portal_online_dossier set attempts = attempts + 1, last_error = ? where ma_ho_so = ?",
                reason(exchange), exchange.getProperty(CODE_PROPERTY, String.class));
    }

    /** Attempts exhausted: FAILED with the reason; the message goes to the dead-letter queue with it. */
    public void failed(Exchange exchange) {
        String code = exchange.getProperty(CODE_PROPERTY, String.class);
        String reason = reason(exchange);
        jdbc.update("update portal_online_dossier set state = 'FAILED', attempts = attempts + 1, last_error = ? where ma_ho_so = ?",
                reason, code);
        String payload = find(code).map(Row::payload).orElse(exchange.getMessage().getBody(String.class));
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(CODE_HEADER, code);
        exchange.getMessage().setHeader(DossierApi.GROUP_ID, code);
        exchange.getMessage().setHeader(DossierDelivery.REASON_HEADER, reason);
        // Artemis' own dead-letter annotations: Hawtio's "retry" moves the message back to the queue
        exchange.getMessage().setHeader("_AMQ_ORIG_ADDRESS", QUEUE);
        exchange.getMessage().setHeader("_AMQ_ORIG_QUEUE", QUEUE);
        exchange.getMessage().setBody(payload);
        count("dead-lettered", 1);
        LOG.warn("Online dossier {} dead-lettered: {}", code, reason);
    }

    public String state(String code) {
        List<String> state = jdbc.queryForList("select state from portal_online_dossier where ma_ho_so = ?", String.class, code);
        return state.isEmpty() ? null : state.get(0);
    }

    public Optional<Row> find(String code) {
        return jdbc.query("select ma_ho_so, portal_seq, payload, state, attempts, last_error, fetched_at, forwarded_at "
                        + "from portal_online_dossier where ma_ho_so = ?",
                (rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class)), code).stream().findFirst();
    }

    private static String reason(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return reason.length() > 1000 ? reason.substring(0, 1000) : reason;
    }

    private void count(String outcome, int n) {
        meters.counter("gateway.online.dossiers", "outcome", outcome).increment(n);
    }
}
