package vn.lienthong.gateway.registry;

import java.io.IOException;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.connector.UpstreamErrorException;
import vn.lienthong.gateway.xml.JsonAsXml;

/**
 * The last step of the JSON registry connectors (business, social insurance, land): the answer's
 * bytes are read as JSON, size- and depth-limited, and its HTTP status becomes an outcome, so that
 * callers never see a registry's raw bytes and a hostile answer (not JSON, an XML bomb, huge)
 * ends as a 502 UPSTREAM_ERROR. The answer goes on as XML in the standard XPath 3.1 representation
 * of JSON ({@link JsonAsXml}), which the registry's mapping ({@code mappings/*.xsl}) reads; "no such
 * record" (HTTP 404) goes on as an empty JSON object.
 */
@Component("registryAnswers")
public class RegistryAnswers {

    public static final String OUTCOME = "RegistryOutcome";
    public static final String FOUND = "FOUND";
    public static final String NOT_FOUND = "NOT_FOUND";
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxStringLength(100_000).build());
    }

    public void parse(Exchange exchange) {
        Message msg = exchange.getMessage();
        Integer status = msg.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = msg.getBody(byte[].class);
        msg.removeHeaders("*");
        if (status != null && status == 404) {
            msg.setHeader(OUTCOME, NOT_FOUND);
            msg.setBody(JsonAsXml.emptyObject());
            return;
        }
        if (body == null || body.length == 0 || body.length > MAX_ANSWER_BYTES) {
            throw new UpstreamErrorException("The registry's answer is empty or larger than " + MAX_ANSWER_BYTES + " bytes.");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            throw new UpstreamErrorException("The registry's answer is not JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw new UpstreamErrorException("The registry's answer is not a JSON object.");
        }
        msg.setHeader(OUTCOME, FOUND);
        msg.setBody(JsonAsXml.document(tree));
    }
}
