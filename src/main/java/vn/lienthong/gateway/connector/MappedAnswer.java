package vn.lienthong.gateway.connector;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last step of a connector whose answer is classified and mapped by a file (an XSLT in
 * {@code mappings/}): the mapping writes {@code {"outcome": "FOUND", "result": {...}}},
 * {@code {"outcome": "NOT_FOUND"}} or {@code {"outcome": "ERROR", "message": "..."}}, and this
 * step turns that into the connector contract: header {@code RegistryOutcome} and the result as
 * the body, or a 502 {@link UpstreamErrorException}. What counts as found, not found or an error
 * is therefore the mapping's decision, not code's.
 */
@Component("mappedAnswer")
public class MappedAnswer {

    public static final String OUTCOME = "RegistryOutcome";
    private static final Logger LOG = LoggerFactory.getLogger(MappedAnswer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the mapping's verdict; {@code system} names the connector in the log and the error. */
    public void unwrap(Exchange exchange, String system) {
        Message msg = exchange.getMessage();
        JsonNode verdict;
        try {
            verdict = JSON.readTree(msg.getBody(String.class));
        } catch (IOException | RuntimeException e) {
            throw new UpstreamErrorException("The answer of the " + system + " could not be mapped.");
        }
        msg.removeHeaders("*");
        String outcome = verdict == null ? "" : verdict.path("outcome").asText("");
        switch (outcome) {
            case "FOUND" -> {
                JsonNode result = verdict.get("result");
                if (result == null || !result.isObject()) {
                    throw new UpstreamErrorException("The answer of the " + system + " was mapped without a result.");
                }
                msg.setHeader(OUTCOME, "FOUND");
                msg.setBody(result);
            }
            case "NOT_FOUND" -> {
                msg.setHeader(OUTCOME, "NOT_FOUND");
                msg.setBody(JSON.createObjectNode());
            }
            default -> {
                LOG.warn("The {} answered an error: {}", system, verdict == null ? "" : verdict.path("message").asText(outcome));
                throw new UpstreamErrorException("The " + system + " refused the request or answered in a shape the gateway does not know.");
            }
        }
    }
}
