package vn.lienthong.gateway.reuse;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.registry.LookupAccessLog;

/**
 * The step of the reuse-check route (routes/reuse-check.camel.yaml): reads and checks the request,
 * runs the {@link ReuseCheck}, answers JSON. The request (JSON object, nothing else):
 * <pre>
 * {"procedureCode": "1.001757.000.00.00.H41",
 *  "applicant": {"type": "CITIZEN", "id": "001203012345"},
 *  "requester": "canbo.motcua.01", "purpose": "tiep-nhan-ho-so", "explicitRequest": true}
 * </pre>
 */
@Component("reuseApi")
public class ReuseApi {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Set<String> FIELDS = Set.of("procedureCode", "applicant", "requester", "purpose", "explicitRequest");
    private static final Set<String> APPLICANT_FIELDS = Set.of("type", "id");

    private final ReuseCheck check;

    public ReuseApi(ReuseCheck check) {
        this.check = check;
    }

    public void check(Exchange exchange) throws IOException {
        RequestContext.open(exchange);
        LookupAccessLog.begin(exchange, ReuseCheck.SERVICE_NAME);
        Message in = exchange.getMessage();
        byte[] body = in.getBody(byte[].class);
        in.removeHeaders("*");
        in.setBody(null);
        JsonNode request = object(body);
        JsonNode applicant = request.get("applicant");
        if (applicant == null || !applicant.isObject()) {
            throw invalid("'applicant' is an object {\"type\": \"CITIZEN\" | \"ENTERPRISE\", \"id\": \"...\"}.");
        }
        onlyKnown(applicant, APPLICANT_FIELDS, "applicant");
        String applicantId = text(applicant, "id", 32);
        exchange.setProperty(LookupAccessLog.SUBJECT, applicantId);
        String purpose = text(request, "purpose", 200);
        exchange.setProperty(RequestContext.PURPOSE, purpose);
        JsonNode explicit = request.get("explicitRequest");
        if (explicit == null || !explicit.isBoolean()) {
            throw invalid("'explicitRequest' is true or false: did the applicant explicitly ask for their papers to be fetched?");
        }
        exchange.setProperty(LookupAccessLog.EXPLICIT_REQUEST, explicit.booleanValue());
        String requester = text(request, "requester", 100);
        exchange.setProperty(LookupAccessLog.ON_BEHALF_OF, requester);
        OwnerType type;
        try {
            type = OwnerType.valueOf(text(applicant, "type", 16).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("'applicant.type' is CITIZEN or ENTERPRISE.");
        }
        String procedure = text(request, "procedureCode", 64);

        ReuseResult result = check.check(new ReuseRequest(procedure, type, applicantId, requester, purpose,
                explicit.booleanValue(), RequestContext.requestId(exchange)));

        exchange.setProperty(LookupAccessLog.SUBJECT, result.applicantId());
        Message out = exchange.getMessage();
        out.setBody(JSON.writeValueAsBytes(result));
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }

    private static JsonNode object(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid("The request body is empty; send a JSON object.");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw invalid("The request body is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw invalid("The request body must be a JSON object.");
        }
        onlyKnown(node, FIELDS, "the request");
        return node;
    }

    private static void onlyKnown(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw invalid("Unknown field '" + clip(name) + "' in " + where + "; expected " + new java.util.TreeSet<>(allowed) + ".");
            }
        }
    }

    private static String text(JsonNode node, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw invalid("'" + field + "' is missing.");
        }
        if (!value.isTextual()) {
            throw invalid("'" + field + "' must be a string.");
        }
        String text = value.asText().strip();
        if (text.isEmpty()) {
            throw invalid("'" + field + "' is empty.");
        }
        if (text.length() > max || text.chars().anyMatch(Character::isISOControl)) {
            throw invalid("'" + field + "' must be at most " + max + " printable characters.");
        }
        return text;
    }

    private static String clip(String s) {
        String printable = s.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }

    private static ApiException invalid(String sentence) {
        return new ApiException(ErrorCode.REUSE_REQUEST_INVALID, sentence);
    }
}
