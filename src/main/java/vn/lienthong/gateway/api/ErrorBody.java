package vn.lienthong.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway's one error body: {@code {"code", "message", "requestId"}}, for routes and servlet filters alike. */
public final class ErrorBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorBody() {
    }

    public static String json(ErrorCode code, String message, String requestId) {
        return json(code.name(), message, requestId);
    }

    /** The body for any catalogue code, built-in or added by an integrator. */
    public static String json(String code, String message, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("requestId", requestId);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a map of strings is always JSON", e);
        }
    }
}
