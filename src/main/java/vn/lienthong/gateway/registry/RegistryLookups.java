package vn.lienthong.gateway.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * The steps of the business, social-insurance and land look-up routes (routes/enterprise-lookup,
 * social-insurance-lookup, land-parcel-lookup .camel.yaml), with the citizen look-up's discipline:
 * validate before any call (400 with a code), drop every inbound header, give the connector a query
 * built from validated values only, 404 with a code when the registry has no such record, and
 * record every look-up in the access log ({@link LookupAccessLog}).
 */
@Component("registryLookups")
public class RegistryLookups {

    public static final String ENTERPRISE_SERVICE = "registry.enterprise";
    public static final String SOCIAL_INSURANCE_SERVICE = "registry.social-insurance";
    public static final String LAND_SERVICE = "registry.land";
    /** Exchange property the social-insurance connector reads: {@code lookup} (by number) or {@code search}. */
    public static final String OPERATION = "registry.operation";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_NAME_LENGTH = 100;

    /** GET /api/v1/enterprises/{code} */
    public void prepareEnterprise(Exchange exchange) {
        Message in = begin(exchange, ENTERPRISE_SERVICE);
        EnterpriseCode code = EnterpriseCode.parse(params(in, "code").get("code"));
        exchange.setProperty(LookupAccessLog.SUBJECT, code.value());
        in.setBody(enterpriseQuery(code));
    }

    public void respondEnterprise(Exchange exchange) {
        JsonNode answer = found(exchange, ErrorCode.ENTERPRISE_NOT_FOUND, "The business registry has no enterprise with this code.");
        respond(exchange, RegistryFacts.enterprise(answer));
    }

    /** GET /api/v1/social-insurance/{number} */
    public void prepareSocialInsurance(Exchange exchange) {
        Message in = begin(exchange, SOCIAL_INSURANCE_SERVICE);
        SocialInsuranceNumber number = SocialInsuranceNumber.parse(params(in, "number").get("number"));
        exchange.setProperty(LookupAccessLog.SUBJECT, number.value());
        exchange.setProperty(OPERATION, "lookup");
        in.setBody("maSoBhxh=" + number.value());
    }

    public void respondSocialInsurance(Exchange exchange) {
        JsonNode answer = found(exchange, ErrorCode.SOCIAL_INSURANCE_NOT_FOUND, "The social-insurance database has no participant with this number.");
        respond(exchange, RegistryFacts.participant(answer));
    }

    /** GET /api/v1/social-insurance?fullName=...&birthDate=yyyy-MM-dd */
    public void prepareSocialInsuranceSearch(Exchange exchange) {
        Message in = begin(exchange, SOCIAL_INSURANCE_SERVICE);
        Map<String, String> p = params(in, "fullName", "birthDate");
        String fullName = p.get("fullName");
        String birthDate = p.get("birthDate");
        if (fullName == null || fullName.isBlank()) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "A search needs fullName and birthDate (yyyy-MM-dd).");
        }
        String name = fullName.strip().replaceAll("\\s+", " ");
        if (name.length() > MAX_NAME_LENGTH || !name.matches("[\\p{L}\\p{M} .'-]+")) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "fullName is letters and spaces, at most " + MAX_NAME_LENGTH + " characters.");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(birthDate == null ? "" : birthDate.strip());
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.BIRTH_DATE_INVALID, "birthDate must be a date written yyyy-MM-dd.");
        }
        exchange.setProperty(LookupAccessLog.SUBJECT, "search:" + date);
        exchange.setProperty(OPERATION, "search");
        in.setBody("hoTen=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&ngaySinh=" + date.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    public void respondSocialInsuranceSearch(Exchange exchange) {
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        List<Map<String, Object>> found = RegistryFacts.participants(answer);
        if (found.isEmpty()) {
            throw new ApiException(ErrorCode.SOCIAL_INSURANCE_NOT_FOUND, "No participant has this name and birth date.");
        }
        respond(exchange, Map.of("participants", found));
    }

    /** GET /api/v1/land-parcels/by-certificate/{number} */
    public void prepareLandByCertificate(Exchange exchange) {
        Message in = begin(exchange, LAND_SERVICE);
        land(exchange, in, LandParcelKey.certificate(params(in, "number").get("number")));
    }

    /** GET /api/v1/land-parcels/{communeCode}/{mapSheet}/{parcelNumber} */
    public void prepareLandByParcel(Exchange exchange) {
        Message in = begin(exchange, LAND_SERVICE);
        Map<String, String> p = params(in, "communeCode", "mapSheet", "parcelNumber");
        land(exchange, in, LandParcelKey.parcel(p.get("communeCode"), p.get("mapSheet"), p.get("parcelNumber")));
    }

    public void respondLand(Exchange exchange) {
        JsonNode answer = found(exchange, ErrorCode.LAND_PARCEL_NOT_FOUND, "The land database has no such parcel.");
        List<Map<String, Object>> parcels = RegistryFacts.parcels(answer);
        if (parcels.isEmpty()) {
            throw new ApiException(ErrorCode.LAND_PARCEL_NOT_FOUND, "The land database has no such parcel.");
        }
        respond(exchange, parcels.get(0));
    }

    /** The business registry connector's query for an enterprise code. */
    public static String enterpriseQuery(EnterpriseCode code) {
        return "msdn=" + code.value();
    }

    private static void land(Exchange exchange, Message in, LandParcelKey key) {
        exchange.setProperty(LookupAccessLog.SUBJECT, key.subject());
        in.setBody(key.query());
    }

    /** Opens the request context, marks the look-up for the access log, and keeps the inbound message for reading. */
    private static Message begin(Exchange exchange, String service) {
        RequestContext.open(exchange);
        LookupAccessLog.begin(exchange, service);
        return exchange.getMessage();
    }

    /** Reads the request parameters this look-up takes, then drops every inbound header and the body. */
    private static Map<String, String> params(Message in, String... names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : names) {
            values.put(name, in.getHeader(name, String.class));
        }
        in.removeHeaders("*");
        in.setBody(null);
        return values;
    }

    private static JsonNode found(Exchange exchange, ErrorCode notFound, String sentence) {
        Message msg = exchange.getMessage();
        if (!RegistryAnswers.FOUND.equals(msg.getHeader(RegistryAnswers.OUTCOME, String.class))) {
            throw new ApiException(notFound, sentence);
        }
        return msg.getBody(JsonNode.class);
    }

    private static void respond(Exchange exchange, Object body) {
        Message msg = exchange.getMessage();
        msg.removeHeaders("*");
        try {
            msg.setBody(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        msg.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }
}
