package vn.lienthong.gateway.dossier;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The other direction (routes/portal-online-dossiers.camel.yaml): dossiers submitted online on the
 * national portal are fetched ({@code LayDanhSachHoSoTrucTuyen} from the last sequence number seen),
 * written (table portal_online_dossier, keyed by the dossier code: fetched twice, kept once), put on
 * the persistent queue {@code igate.online-dossiers} in the dossier's message group, and forwarded to
 * iGate; a forwarded dossier is never forwarded again.
 */
@Component("onlineDossiers")
public class OnlineDossiers {

    public static final String CODE_HEADER = "MaHoSo";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final ProducerTemplate producer;
    private final String agencyCode;

    public OnlineDossiers(JdbcTemplate jdbc, @Lazy ProducerTemplate producer,
                          @Value("${gateway.dossier.online.agency-code:000.00.00.H41}") String agencyCode) {
        this.jdbc = jdbc;
        this.producer = producer;
        this.agencyCode = agencyCode;
    }

    /** The portal request: online dossiers of this province after the last one seen. */
    public String request() throws Exception {
        Long last = jdbc.queryForObject("select max(portal_seq) from portal_online_dossier", Long.class);
        return JSON.writeValueAsString(Map.of("service", "LayDanhSachHoSoTrucTuyen", "madonvi", agencyCode,
                "TuSo", last == null ? 0 : last));
    }

    /** Writes the new dossiers of the portal's answer, then queues every dossier not yet on the queue. */
    public int store(Exchange exchange) throws Exception {
        JsonNode answer = JSON.readTree(exchange.getMessage().getBody(String.class));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (JsonNode d : answer.path("data")) {
            String code = d.path("MaHoSo").asText("");
            if (code.isBlank()) {
                continue;
            }
            try {
                jdbc.update("insert into portal_online_dossier (ma_ho_so, portal_seq, payload, state, attempts, fetched_at) "
                        + "values (?, ?, ?, 'RECEIVED', 0, ?)", code, d.path("SoThuTu").asLong(), JSON.writeValueAsString(d), now);
            } catch (DuplicateKeyException alreadyFetched) {
                // fetched before (by this instance or another): kept once
            }
        }
        List<Map<String, Object>> toQueue = new ArrayList<>(jdbc.queryForList(
                "select ma_ho_so, payload from portal_online_dossier where state = 'RECEIVED' order by portal_seq"));
        for (Map<String, Object> row : toQueue) {
            String code = (String) row.get("ma_ho_so");
            producer.send("direct:igate-online-dossier-enqueue", ex -> {
                ex.getMessage().setHeader(CODE_HEADER, code);
                ex.getMessage().setHeader(DossierApi.GROUP_ID, code);
                ex.getMessage().setBody(row.get("payload"));
            });
            jdbc.update("update portal_online_dossier set state = 'QUEUED' where ma_ho_so = ? and state = 'RECEIVED'", code);
        }
        return toQueue.size();
    }

    /** False when the dossier was forwarded already (a redelivery): not sent again. */
    public boolean mustForward(Exchange exchange) {
        String code = exchange.getMessage().getHeader(CODE_HEADER, String.class);
        exchange.setProperty("onlineDossierCode", code);
        List<String> state = jdbc.queryForList("select state from portal_online_dossier where ma_ho_so = ?", String.class, code);
        return !state.isEmpty() && !"FORWARDED".equals(state.get(0));
    }

    public void forwarded(Exchange exchange) {
        if (!"true".equals(exchange.getMessage().getHeader("IgateAccepted", String.class))) {
            throw new IllegalStateException("iGate's connector returned without its acceptance; not recorded as forwarded");
        }
        jdbc.update("update portal_online_dossier set state = 'FORWARDED', attempts = attempts + 1, last_error = null, forwarded_at = ? "
                + "where ma_ho_so = ?", OffsetDateTime.now(ZoneOffset.UTC), exchange.getProperty("onlineDossierCode", String.class));
    }

    public void failed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        jdbc.update("update portal_online_dossier set state = 'FAILED', attempts = attempts + 1, last_error = ? where ma_ho_so = ?",
                reason.length() > 1000 ? reason.substring(0, 1000) : reason, exchange.getProperty("onlineDossierCode", String.class));
        exchange.getMessage().setHeader(DossierDelivery.REASON_HEADER, reason);
    }

    public String state(String code) {
        List<String> state = jdbc.queryForList("select state from portal_online_dossier where ma_ho_so = ?", String.class, code);
        return state.isEmpty() ? null : state.get(0);
    }
}
