package vn.lienthong.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The answer of a partner API route as JSON: no inbound header survives, the status, the content type
 * and the correlation id are set, and the outcome is OK. One place for every capability's API steps.
 */
public final class JsonAnswer {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private JsonAnswer() {
    }

    public static void write(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        try {
            out.setBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: the answer is plain data", e);
        }
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }
}
