package vn.lienthong.gateway.api;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the exception an API route failed with into the gateway's error body:
 * {@code {"code": "...", "message": "...", "requestId": "..."}} with the code's HTTP status.
 * Called by the shared {@code partner-api} route configuration (routes/partner-api.camel.yaml).
 */
@Component("apiErrors")
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    public void respond(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException error = toApiException(cause);
        if (error.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.error("Route {} failed", exchange.getFromRouteId(), cause);
        }
        exchange.setProperty(RequestContext.OUTCOME, error.code().name());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.code().httpStatus());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        exchange.getMessage().setBody(ErrorBody.json(error.code(), error.getMessage(), RequestContext.requestId(exchange)));
    }

    static ApiException toApiException(Throwable cause) {
        // anywhere in the chain: a refusal raised while Camel read or converted the body arrives wrapped, sometimes twice
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return new ApiException(ErrorCode.INTERNAL_ERROR,
                "The gateway could not complete the request; the incident was logged.");
    }
}
