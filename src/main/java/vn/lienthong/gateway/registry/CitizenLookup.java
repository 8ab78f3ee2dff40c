package vn.lienthong.gateway.registry;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import javax.xml.transform.dom.DOMSource;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.RequestContext;

/**
 * The steps of the citizen look-up route (routes/citizen-lookup.camel.yaml) that need Java:
 * validating the request, interpreting the registry's outcome, shaping the response.
 */
@Component("citizenLookup")
public class CitizenLookup {

    public static final String SERVICE_NAME = "citizen.lookup";
    static final String FULL_NAME = "citizen.fullName";
    static final String BIRTH_DATE = "citizen.birthDate";
    private static final int MAX_NAME_LENGTH = 100;

    /**
     * Validates the identifier and the optional name and birth date, keeps them as exchange
     * properties, drops every inbound header (nothing a caller sends can steer the route) and
     * leaves the identifier as the body for the registry connector.
     */
    public void prepare(Exchange exchange) {
        RequestContext.open(exchange);
        LookupAccessLog.begin(exchange, SERVICE_NAME);
        Message in = exchange.getMessage();
        String rawId = in.getHeader("id", String.class);
        String fullName = in.getHeader("fullName", String.class);
        String birthDate = in.getHeader("birthDate", String.class);
        in.removeHeaders("*");
        in.setBody(null);

        CitizenId id = CitizenId.parse(rawId);
        exchange.setProperty(LookupAccessLog.SUBJECT, id.value());
        if (fullName != null && !fullName.isBlank()) {
            if (fullName.length() > MAX_NAME_LENGTH) {
                throw new ApiException(ErrorCode.REQUEST_INVALID, "fullName is longer than " + MAX_NAME_LENGTH + " characters.");
            }
            exchange.setProperty(FULL_NAME, fullName);
        }
        if (birthDate != null && !birthDate.isBlank()) {
            exchange.setProperty(BIRTH_DATE, isoDate(birthDate.strip()));
        }
        in.setBody(id.value());
    }

    /**
     * After the registry answered: a citizen it does not know is a 404; otherwise the caller's
     * name and birth date go to the mapping as parameters so it can tell whether they match.
     */
    public void requireFound(Exchange exchange) {
        Message msg = exchange.getMessage();
        if (!"FOUND".equals(msg.getHeader("RegistryOutcome", String.class))) {
            throw new ApiException(ErrorCode.CITIZEN_NOT_FOUND, "The population registry has no citizen with this identifier.");
        }
        msg.removeHeaders("*");
        // handed to the mapping as a Source: otherwise the xslt component first asks the type converters
        // for a SAXSource and a StreamSource of the document (misses, searched again on every call)
        if (msg.getBody() instanceof Document document) {
            msg.setBody(new DOMSource(document));
        }
        String fullName = exchange.getProperty(FULL_NAME, String.class);
        String birthDate = exchange.getProperty(BIRTH_DATE, String.class);
        if (fullName != null) {
            msg.setHeader("fullName", fullName);
        }
        if (birthDate != null) {
            msg.setHeader("birthDate", birthDate);
        }
    }

    /** Sets the response headers of a successful look-up; the body is the mapping's JSON. */
    public void respond(Exchange exchange) {
        Message msg = exchange.getMessage();
        msg.removeHeaders("*");
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        msg.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }

    private static String isoDate(String value) {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.BIRTH_DATE_INVALID, "birthDate must be a date written yyyy-MM-dd.");
        }
    }
}
