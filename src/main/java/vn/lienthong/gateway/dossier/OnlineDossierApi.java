package vn.lienthong.gateway.dossier;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.JsonAnswer;
import vn.lienthong.gateway.api.RequestContext;

/**
 * The partner API of the online dossiers (routes/portal-online-dossiers.camel.yaml):
 * {@code GET /api/v1/online-dossiers/{code}} where one stands, {@code POST /api/v1/online-dossiers/{code}/replay}
 * a dead-lettered one back on the queue to iGate.
 */
@Component("onlineDossierApi")
public class OnlineDossierApi {

    private final OnlineDossiers dossiers;

    public OnlineDossierApi(OnlineDossiers dossiers) {
        this.dossiers = dossiers;
    }

    public void status(Exchange exchange) {
        RequestContext.open(exchange, "online-dossier.status");
        OnlineDossiers.Row row = find(exchange);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dossierCode", row.code());
        body.put("portalSeq", row.portalSeq());
        body.put("state", "RECEIVED".equals(row.state()) || "QUEUED".equals(row.state()) ? "PENDING" : row.state());
        body.put("attempts", row.attempts());
        body.put("reason", row.lastError());
        body.put("fetchedAt", row.fetchedAt() == null ? null : row.fetchedAt().toString());
        body.put("forwardedAt", row.forwardedAt() == null ? null : row.forwardedAt().toString());
        JsonAnswer.write(exchange, 200, body);
    }

    public void replay(Exchange exchange) {
        RequestContext.open(exchange, "online-dossier.replay");
        OnlineDossiers.Row row = find(exchange);
        boolean queued;
        try {
            queued = dossiers.replay(row.code());
        } catch (RuntimeException e) {
            throw new ApiException(ErrorCode.DOSSIER_QUEUE_UNAVAILABLE, "The dossier could not be put back on the queue; it is still FAILED.");
        }
        if (!queued) {
            throw new ApiException(ErrorCode.ONLINE_DOSSIER_NOT_REPLAYABLE, "Online dossier " + row.code() + " is " + row.state()
                    + "; only a dead-lettered (FAILED) one is replayed.");
        }
        JsonAnswer.write(exchange, 202, Map.of("dossierCode", row.code(), "state", "QUEUED",
                "status", "/api/v1/online-dossiers/" + row.code()));
    }

    private OnlineDossiers.Row find(Exchange exchange) {
        String code = exchange.getMessage().getHeader("code", String.class);
        if (code == null || !OnlineDossierList.DOSSIER_CODE.matcher(code).matches()) {
            throw new ApiException(ErrorCode.ONLINE_DOSSIER_CODE_INVALID, "A dossier code reads <agency code>-YYMMDD-XXXX, e.g. 000.00.00.H41-261123-0001.");
        }
        return dossiers.find(code).orElseThrow(() ->
                new ApiException(ErrorCode.ONLINE_DOSSIER_NOT_FOUND, "No online dossier " + code + " was fetched from the portal."));
    }
}
