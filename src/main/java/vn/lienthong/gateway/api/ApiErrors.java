package vn.lienthong.gateway.api;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Refusals of the partner API routes:
 * <ul>
 *   <li>{@link #refuse(String)}: the route step that refuses with a code of the error-code catalogue
 *       ({@code - bean: {ref: apiErrors, method: "refuse('CIVIL_RECORD_NOT_FOUND')"}});</li>
 *   <li>{@link #respond}: turns the exception an API route failed with into the gateway's error body
 *       {@code {"code": "...", "message": "...", "requestId": "..."}} with the code's HTTP status; called by the
 *       shared {@code partner-api} route configuration (routes/partner-api.camel.yaml).</li>
 * </ul>
 */
@Component("apiErrors")
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private final ErrorCatalogue catalogue;

    public ApiErrors(ErrorCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * Refuses the request with {@code code}, a built-in code or one of {@code mappings/error-codes.yaml}: the partner gets
     * the code's HTTP status and its sentence (Vietnamese when the caller asked for it with Accept-Language), the
     * message log and the access log the code as the outcome. A code neither catalogue has is a mistake in the route:
     * 500 INTERNAL_ERROR, logged with the code's name.
     */
    public void refuse(String code) {
        CodedError entry = catalogue.find(code).orElseThrow(() -> new IllegalArgumentException(
                "A route refuses with the error code '" + code + "', which neither the built-in catalogue nor the error-code file has"));
        throw new ApiException(entry, entry.en());
    }

    public void respond(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException error = toApiException(cause);
        if (error.code() == ErrorCode.INTERNAL_ERROR) {
            LOG.error("Route {} failed", exchange.getFromRouteId(), cause);
        }
        String message = "vi".equals(exchange.getProperty(RequestContext.LANGUAGE, String.class)) ? error.entry().vi() : error.getMessage();
        exchange.setProperty(RequestContext.OUTCOME, error.codeName());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.httpStatus());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        exchange.getMessage().setBody(ErrorBody.json(error.codeName(), message, RequestContext.requestId(exchange)));
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
