package vn.lienthong.gateway.registry;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
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
    /** Exchange properties the population connector reads (connectors/population-registry-action.kamelet.yaml). */
    static final String FULL_NAME = "citizen.fullName";
    static final String BIRTH_DATE = "citizen.birthDate";
    static final String OFFICER = "citizen.officer";
    private static final int MAX_NAME_LENGTH = 100;
    /** An officer's ID or user name: what platforms accept as MaCanBo. */
    private static final Pattern OFFICER_NAME = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

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
        String onBehalfOf = in.getHeader("onBehalfOf", String.class);
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
        // the registry is told who asks (MaCanBo): the officer the partner names, else the partner itself
        if (onBehalfOf != null && !onBehalfOf.isBlank()) {
            if (!OFFICER_NAME.matcher(onBehalfOf.strip()).matches()) {
                throw new ApiException(ErrorCode.REQUEST_INVALID,
                        "onBehalfOf must be the officer's ID or user name: up to 64 letters, digits and . _ @ -.");
            }
            exchange.setProperty(LookupAccessLog.ON_BEHALF_OF, onBehalfOf.strip());
            exchange.setProperty(OFFICER, onBehalfOf.strip());
        } else {
            exchange.setProperty(OFFICER, exchange.getProperty(RequestContext.REQUESTER, String.class));
        }
        in.setBody(id.value());
    }

    /** After the registry answered: a citizen it does not know is a 404. */
    public void requireFound(Exchange exchange) {
        if (!"FOUND".equals(exchange.getMessage().getHeader("RegistryOutcome", String.class))) {
            throw new ApiException(ErrorCode.CITIZEN_NOT_FOUND, "The population registry has no citizen with this identifier.");
        }
    }

    /** Sets the response headers of a successful look-up; the body is the connector's citizen JSON. */
    public void respond(Exchange exchange) throws JsonProcessingException {
        Message msg = exchange.getMessage();
        msg.setBody(JSON.writeValueAsString(msg.getBody(JsonNode.class)));
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
