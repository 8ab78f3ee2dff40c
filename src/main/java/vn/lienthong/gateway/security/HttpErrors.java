package vn.lienthong.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import vn.lienthong.gateway.api.ErrorBody;
import vn.lienthong.gateway.api.ErrorCode;

/** Writes the gateway's error body from a servlet filter, before any route runs, and puts the refusal into the message log ({@link GateRefusals}). */
public final class HttpErrors {

    private HttpErrors() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String message) throws IOException {
        String requestId = InboundRequestFilter.requestId(request);
        response.setStatus(code.httpStatus());
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String body = ErrorBody.json(code, message, requestId);
        response.getWriter().write(body);
        response.getWriter().flush();
        GateRefusals.record(request, code, body);
    }
}
