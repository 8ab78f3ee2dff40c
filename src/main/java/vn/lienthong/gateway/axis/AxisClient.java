package vn.lienthong.gateway.axis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.connector.UpstreamErrorException;
import vn.lienthong.gateway.connector.UpstreamUnavailableException;
import vn.lienthong.gateway.connector.KameletEndpoints;

/**
 * The axis as Java sees it: each call goes through the connector {@code kamelet:document-axis-action}
 * (connectors/document-axis-action.kamelet.yaml), which logs it and maps failures to
 * {@link UpstreamUnavailableException} / {@link UpstreamErrorException}.
 * Identifiers that come back from the axis are checked before they are used in a later call.
 */
public class AxisClient {

    public static final String CONNECTOR = "kamelet:document-axis-action";
    public static final String OPERATION = "AxisOperation";
    public static final String MESSAGE_ID = "AxisMessageId";
    public static final String AGENCY = "AxisAgency";
    public static final String MESSAGE_TYPE = "AxisMessageType";
    public static final String STATE = "AxisState";
    public static final String TYPE_DOCUMENT = "edoc";
    public static final String TYPE_STATUS = "status";

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message waiting at the axis for one of the province's agencies. */
    public record Pending(String id, String type, String from, String agency) {
    }

    /** An agency of the national directory. */
    public record Agency(String code, String name, String address, String email, String telephone) {
    }

    private final ProducerTemplate template;

    public AxisClient(ProducerTemplate template) {
        this.template = template;
    }

    /** Posts a package or a status message; returns the axis's id for it. */
    public String send(byte[] xml, String type, String requestId) {
        Exchange answer = call("send", xml, requestId, MESSAGE_TYPE, type);
        return text(json(answer), "id");
    }

    public List<Pending> pending(String agency, String requestId) {
        JsonNode list = json(call("list", null, requestId, AGENCY, agency));
        List<Pending> pending = new ArrayList<>();
        for (JsonNode item : list.path("messages")) {
            String id = item.path("id").asText("");
            String type = item.path("type").asText("");
            if (!SAFE_ID.matcher(id).matches() || !(TYPE_DOCUMENT.equals(type) || TYPE_STATUS.equals(type))) {
                throw new UpstreamErrorException("The document axis listed a message with an unusable id or type.");
            }
            pending.add(new Pending(id, type, item.path("from").asText(""), agency));
        }
        return pending;
    }

    public byte[] fetch(String id, String requestId) {
        requireSafe(id);
        return call("get", null, requestId, MESSAGE_ID, id).getMessage().getBody(byte[].class);
    }

    /** Tells the axis this agency is done with the message ({@code done}) or refused it ({@code fail}). */
    public void markState(String id, String agency, String state, String reason, String requestId) {
        requireSafe(id);
        byte[] body = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        call("state", body, requestId, MESSAGE_ID, id, AGENCY, agency, STATE, state);
    }

    public List<Agency> agencies(String requestId) {
        List<Agency> agencies = new ArrayList<>();
        for (JsonNode item : json(call("agencies", null, requestId)).path("agencies")) {
            agencies.add(new Agency(item.path("code").asText(""), item.path("name").asText(""), item.path("address").asText(null),
                    item.path("email").asText(null), item.path("telephone").asText(null)));
        }
        return agencies;
    }

    private Exchange call(String operation, byte[] body, String requestId, String... headers) {
        Exchange exchange = new DefaultExchange(template.getCamelContext());
        exchange.setProperty(RequestContext.REQUEST_ID, requestId);
        exchange.setProperty(RequestContext.SERVICE, "axis." + operation);
        exchange.getMessage().setHeader(OPERATION, operation);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            exchange.getMessage().setHeader(headers[i], headers[i + 1]);
        }
        exchange.getMessage().setBody(body);
        Exchange result = template.send(KameletEndpoints.resolve(template, CONNECTOR), exchange);
        if (result.getException() != null) {
            Exception e = result.getException();
            if (e instanceof CamelExecutionException wrapped && wrapped.getCause() instanceof ApiException api) {
                throw api;
            }
            if (e instanceof ApiException api) {
                throw api;
            }
            throw new UpstreamUnavailableException("The document axis could not be reached: " + e.getMessage());
        }
        return result;
    }

    private static JsonNode json(Exchange answer) {
        byte[] body = answer.getMessage().getBody(byte[].class);
        try {
            return JSON.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new UpstreamErrorException("The document axis answered with something that is not JSON.");
        }
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        if (!SAFE_ID.matcher(value).matches()) {
            throw new UpstreamErrorException("The document axis answered without a usable '" + field + "'.");
        }
        return value;
    }

    private static void requireSafe(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new UpstreamErrorException("The document axis message id is not usable.");
        }
    }
}
