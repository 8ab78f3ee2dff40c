package vn.lienthong.gateway.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.RequestContext;

/** GET /api/v1/intake/batches/{id}?partner= — a batch's progress (routes/sftp-intake.camel.yaml). */
@Component("intakeApi")
public class IntakeApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final IntakeLedger ledger;

    public IntakeApi(IntakeLedger ledger) {
        this.ledger = ledger;
    }

    public void batch(Exchange exchange) throws JsonProcessingException {
        RequestContext.open(exchange, "intake.progress");
        Message in = exchange.getMessage();
        String id = in.getHeader("id", String.class);
        String partner = in.getHeader("partner", String.class);
        List<BatchProgress> batches = id == null ? List.of() : ledger.progress(id).stream()
                .filter(b -> partner == null || partner.isBlank() || b.partner().equals(partner)).toList();
        if (batches.isEmpty()) {
            throw new ApiException(ErrorCode.INTAKE_BATCH_NOT_FOUND, "No batch with this id has been received" + (partner == null ? "." : " from this partner."));
        }
        if (batches.size() > 1) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "Several partners delivered a batch with this id; say which with ?partner=.");
        }
        BatchProgress b = batches.get(0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", b.batchId());
        body.put("partner", b.partner());
        body.put("folder", b.folder());
        body.put("state", b.state());
        body.put("total", b.total());
        body.put("accepted", b.accepted());
        body.put("refused", b.refused());
        body.put("pending", b.pending());
        body.put("deliveries", b.deliveries());
        body.put("startedAt", b.startedAt() == null ? null : b.startedAt().toString());
        body.put("finishedAt", b.finishedAt() == null ? null : b.finishedAt().toString());
        body.put("lastError", b.lastError());
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        out.setBody(JSON.writeValueAsString(body));
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }
}
