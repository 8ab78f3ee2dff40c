package vn.lienthong.gateway.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.RequestContext;

/**
 * The steps of the business, social-insurance and land look-up routes (routes/enterprise-lookup,
 * social-insurance-lookup, land-parcel-lookup .camel.yaml) that need Java, with the citizen look-up's
 * discipline: validate before any call (400 with a code), drop every inbound header, give the
 * connector a query built from validated values only, 404 with a code when the registry has no such
 * record, and record every look-up in the access log ({@link LookupAccessLog}). What the registries
 * answer is put in the gateway's words by the routes' mappings ({@code mappings/*.xsl}), not here:
 * the {@code respond*} steps only turn the mapping's output into the answer, or into a 404 when the
 * registry had no such record (it answered 404, or the mapping found nothing to say).
 */
@Component("registryLookups")
public class RegistryLookups {

    public static final String ENTERPRISE_SERVICE = "registry.enterprise";
    public static final String SOCIAL_INSURANCE_SERVICE = "registry.social-insurance";
    public static final String LAND_SERVICE = "registry.land";
    /** Exchange property the social-insurance connector reads: {@code lookup} (by number) or {@code search}. */
    public static final String OPERATION = "registry.operation";

    private static final int MAX_NAME_LENGTH = 100;

    /** GET /api/v1/enterprises/{code} */
    public void prepareEnterprise(Exchange exchange) {
        Message in = begin(exchange, ENTERPRISE_SERVICE);
        EnterpriseCode code = EnterpriseCode.parse(params(in, "code").get("code"));
        exchange.setProperty(LookupAccessLog.SUBJECT, code.value());
        in.setBody(enterpriseQuery(code));
    }

    public void respondEnterprise(Exchange exchange) {
        respond(exchange, ErrorCode.ENTERPRISE_NOT_FOUND, "The business registry has no enterprise with this code.");
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
        respond(exchange, ErrorCode.SOCIAL_INSURANCE_NOT_FOUND, "The social-insurance database has no participant with this number.");
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
        respond(exchange, ErrorCode.SOCIAL_INSURANCE_NOT_FOUND, "No participant has this name and birth date.");
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
        respond(exchange, ErrorCode.LAND_PARCEL_NOT_FOUND, "The land database has no such parcel.");
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

    /**
     * After the mapping: its JSON is the answer; a registry that answered "no such record", or a
     * mapping that produced nothing, is a 404 with the look-up's code.
     */
    private static void respond(Exchange exchange, ErrorCode notFound, String sentence) {
        Message msg = exchange.getMessage();
        String mapped = msg.getBody(String.class);
        if (!RegistryAnswers.FOUND.equals(msg.getHeader(RegistryAnswers.OUTCOME, String.class)) || mapped == null || mapped.isBlank()) {
            throw new ApiException(notFound, sentence);
        }
        msg.removeHeaders("*");
        msg.setBody(mapped.getBytes(StandardCharsets.UTF_8));
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        msg.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }
}
