package vn.lienthong.gateway.connector;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a national system's JSON answer code for connector Kamelets ({@code errorCode}, {@code error_code}: "0" is success). */
public final class JsonAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswer() {
    }

    /** True unless the answer is a JSON object whose {@code field} is 0. */
    public static boolean isError(String body, String field) {
        try {
            JsonNode node = body == null ? null : JSON.readTree(body);
            return node == null || !node.has(field) || !"0".equals(node.get(field).asText());
        } catch (IOException e) {
            return true;
        }
    }
}
