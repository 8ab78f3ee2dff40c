package vn.lienthong.gateway.axis;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.JsonAnswer;
import vn.lienthong.gateway.api.RequestContext;
import vn.lienthong.gateway.api.TextRule;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.SigningIdentity;

/**
 * The steps of the axis partner API (routes/document-axis.camel.yaml):
 * <pre>
 * POST /api/v1/axis/documents              send: metadata + attachments (JSON, base64) -> 202, durable in the outbox
 * GET  /api/v1/axis/documents/{id}         where the delivery stands, with the status trace (codes 01..16)
 * POST /api/v1/axis/documents/{id}/replay  a dead-lettered delivery, queued again
 * GET  /api/v1/axis/agencies               the national agency directory as the axis publishes it
 * </pre>
 */
public class AxisApi {

    public static final String OUTBOX = "jms:queue:axis.outbound";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CODE_PART = Pattern.compile("[\\p{L}\\p{N}.-]{1,50}");

    private final AxisStore store;
    private final AgencyDirectory directory;
    private final AxisProperties properties;
    private final SigningIdentity identity;
    private final ProducerTemplate producer;

    public AxisApi(AxisStore store, AgencyDirectory directory, AxisProperties properties, SigningIdentity identity,
                   ProducerTemplate producer) {
        this.store = store;
        this.directory = directory;
        this.properties = properties;
        this.identity = identity;
        this.producer = producer;
    }

    public void send(Exchange exchange) {
        RequestContext.open(exchange, "axis.send");
        OutgoingDocument request = read(exchange.getMessage().getBody(byte[].class));
        ZonedDateTime now = ZonedDateTime.now(EdXmlPackages.VIETNAM);
        EdXml model = EdXmlPackages.document(request, directory, now);
        byte[] signed = sign(model);
        String id = UUID.randomUUID().toString();
        Instant at = Instant.now();
        SentDocument document = new SentDocument(id, model.envelope.header.messageHeader.documentId, request.from(), request.to(),
                request.subject(), SentDocument.QUEUED, signed, Hashes.sha256Hex(signed),
                exchange.getProperty(RequestContext.REQUESTER, "anonymous", String.class), null, 0, null, at, at);
        store.insert(document);
        enqueue(id, document);
        answer(exchange, 202, view(store.find(id).orElseThrow()));
    }

    public void status(Exchange exchange) {
        RequestContext.open(exchange, "axis.read");
        answer(exchange, 200, view(find(exchange)));
    }

    public void replay(Exchange exchange) {
        RequestContext.open(exchange, "axis.send");
        SentDocument document = find(exchange);
        if (!SentDocument.DELIVERY_FAILED.equals(document.state())) {
            throw new ApiException(ErrorCode.AXIS_NOT_REPLAYABLE,
                    "Only a document whose delivery failed can be replayed; this one is " + document.state() + ".");
        }
        store.state(document.id(), SentDocument.QUEUED, null, null);
        enqueue(document.id(), null);
        answer(exchange, 202, view(store.find(document.id()).orElseThrow()));
    }

    public void agencies(Exchange exchange) {
        RequestContext.open(exchange, "axis.read");
        List<Map<String, Object>> list = new ArrayList<>();
        for (AxisClient.Agency a : directory.all()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", a.code());
            row.put("name", a.name());
            row.put("address", a.address());
            row.put("province", properties.isProvinceAgency(a.code()));
            list.add(row);
        }
        answer(exchange, 200, Map.of("agencies", list));
    }

    /**
     * Signs the package with the gateway's key and the configured algorithm (Signature inside edXMLHeader) and checks
     * it against the schema and what a package must have.
     */
    byte[] sign(EdXml model) {
        Document document = EdXmlCodec.toDocument(model);
        Element header = (Element) document.getElementsByTagNameNS(EdXmlNames.NS, "edXMLHeader").item(0);
        EdXmlSignatures.sign(document, header, identity, properties.signatureUri());
        List<String> problems = new ArrayList<>(EdXmlCodec.schemaProblems(document));
        problems.addAll(EdXmlChecks.documentProblems(document.getDocumentElement()));
        if (!problems.isEmpty()) {
            throw new ApiException(ErrorCode.AXIS_FIELD_INVALID, "The document does not make a valid edXML package: " + String.join("; ", problems));
        }
        return EdXmlCodec.toBytes(document);
    }

    private void enqueue(String id, SentDocument inserted) {
        try {
            producer.sendBody(OUTBOX + "?deliveryPersistent=true", id);
        } catch (RuntimeException e) {
            if (inserted != null) {
                store.delete(id);
            } else {
                store.state(id, SentDocument.DELIVERY_FAILED, null, "could not be queued again: " + e.getMessage());
            }
            throw new ApiException(ErrorCode.AXIS_UNAVAILABLE, "The document could not be queued for delivery; try again later.");
        }
    }

    private SentDocument find(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        try {
            UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.AXIS_DOCUMENT_NOT_FOUND, "No document sent over the axis has this id.");
        }
        return store.find(id).orElseThrow(() -> new ApiException(ErrorCode.AXIS_DOCUMENT_NOT_FOUND,
                "No document sent over the axis has this id."));
    }

    private Map<String, Object> view(SentDocument d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", d.id());
        body.put("documentId", d.documentId());
        body.put("from", d.fromOrgan());
        body.put("to", d.toOrgans());
        body.put("subject", d.subject());
        body.put("state", d.state());
        body.put("attempts", d.attempts());
        body.put("lastError", d.lastError());
        body.put("packageSha256", d.packageSha256());
        body.put("createdAt", d.createdAt().toString());
        body.put("updatedAt", d.updatedAt().toString());
        List<Map<String, Object>> trace = new ArrayList<>();
        for (SentDocument.Trace t : store.trace(d.id())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("statusCode", t.statusCode());
            row.put("meaning", StatusCode.meaningOf(t.statusCode()));
            row.put("organId", t.organId());
            row.put("description", t.description());
            row.put("timestamp", t.statusTime());
            trace.add(row);
        }
        body.put("trace", trace);
        return body;
    }

    OutgoingDocument read(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "The request body must be a JSON object.");
        }
        if (json == null || !json.isObject()) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "The request body must be a JSON object.");
        }
        // what is forwarded as edXML must be text XML can carry
        TextRule.check("", json);
        String from = text(json, "from", 40, true);
        if (!properties.isProvinceAgency(from)) {
            throw new ApiException(ErrorCode.AXIS_FIELD_INVALID, "'from' must be one of the province's agencies " + properties.provinceAgencies() + ".");
        }
        List<String> to = new ArrayList<>();
        for (JsonNode node : json.path("to")) {
            to.add(node.asText());
        }
        if (to.isEmpty() || to.size() > 100) {
            throw invalid("'to' must list 1 to 100 agency codes.");
        }
        String number = text(json, "codeNumber", 50, true);
        String notation = text(json, "codeNotation", 50, true);
        if (!CODE_PART.matcher(number).matches() || !CODE_PART.matcher(notation).matches()) {
            throw invalid("'codeNumber' and 'codeNotation' are letters, digits, '.' and '-' (the '/' between them is added).");
        }
        JsonNode signer = json.path("signer");
        List<String> places = new ArrayList<>();
        for (JsonNode node : json.path("toPlaces")) {
            places.add(node.asText());
        }
        List<OutgoingDocument.OutgoingAttachment> attachments = new ArrayList<>();
        for (JsonNode node : json.path("attachments")) {
            String name = text(node, "name", 255, true);
            byte[] content;
            try {
                content = Base64.getMimeDecoder().decode(text(node, "content", Integer.MAX_VALUE, true));
            } catch (IllegalArgumentException e) {
                throw invalid("Attachment '" + name + "': 'content' must be base64.");
            }
            if (content.length > properties.maxAttachmentBytes()) {
                throw invalid("Attachment '" + name + "' is larger than " + properties.maxAttachmentBytes() + " bytes.");
            }
            attachments.add(new OutgoingDocument.OutgoingAttachment(name, text(node, "contentType", 100, true),
                    text(node, "description", 1000, false), content));
        }
        Integer priority = json.hasNonNull("priority") ? json.get("priority").asInt() : null;
        return new OutgoingDocument(from, to, number, notation, text(json, "place", 200, true),
                date(json, "promulgationDate", true), json.path("documentType").asInt(1),
                json.hasNonNull("documentTypeName") ? text(json, "documentTypeName", 200, true) : "Công văn",
                text(json, "subject", 4000, true), text(json, "content", 100_000, false),
                text(signer, "competence", 500, false), text(signer, "position", 500, false), text(signer, "fullName", 200, true),
                date(json, "dueDate", false), priority, places, attachments, details(json));
    }

    /** The optional content of the standard (see {@link OutgoingDocument.Details}); absent fields are not written. */
    private static OutgoingDocument.Details details(JsonNode json) {
        JsonNode from = json.path("fromDetails");
        JsonNode other = json.path("otherInfo");
        JsonNode business = json.path("business");
        JsonNode staff = business.path("staff");
        List<String> appendixes = new ArrayList<>();
        for (JsonNode node : other.path("appendixes")) {
            if (!node.isTextual() || node.asText().isBlank() || node.asText().length() > 4000) {
                throw invalid("'otherInfo.appendixes' lists texts of 1 to 4000 characters.");
            }
            appendixes.add(node.asText().strip());
        }
        if (appendixes.size() > 100) {
            throw invalid("'otherInfo.appendixes' lists at most 100 appendixes.");
        }
        Integer docType = integer(business, "docType", 0, 3);
        String documentId = text(business, "documentId", 300, false);
        if (docType != null && docType > 0 && documentId == null) {
            throw invalid("'business.documentId' (the DocumentId of the document revoked, updated or replaced) is required when 'business.docType' is 1, 2 or 3.");
        }
        OutgoingDocument.Staff staffInfo = staff.isMissingNode() || staff.isNull() ? null : new OutgoingDocument.Staff(
                text(staff, "department", 500, false), text(staff, "staff", 200, false), text(staff, "mobile", 50, false),
                text(staff, "email", 200, false));
        Boolean direction = null;
        if (other.hasNonNull("direction")) {
            if (!other.get("direction").isBoolean()) {
                throw invalid("'otherInfo.direction' must be true or false.");
            }
            direction = other.get("direction").asBoolean();
        }
        return new OutgoingDocument.Details(text(from, "organizationInCharge", 500, false), text(from, "fax", 50, false),
                text(from, "website", 500, false), integer(json, "typeDetail", 0, 999),
                text(other, "sphereOfPromulgation", 500, false), text(other, "typerNotation", 100, false),
                integer(other, "promulgationAmount", 0, 100_000), integer(other, "pageAmount", 0, 100_000), direction, appendixes,
                docType, text(business, "reason", 4000, false), documentId, integer(business, "paper", 0, 1), staffInfo);
    }

    private static Integer integer(JsonNode node, String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isInt() || value.asInt() < min || value.asInt() > max) {
            throw invalid("'" + field + "' must be a whole number from " + min + " to " + max + ".");
        }
        return value.asInt();
    }

    private static String text(JsonNode node, String field, int max, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw invalid("'" + field + "' is required.");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("'" + field + "' must be a string.");
        }
        String text = value.asText().strip();
        if (text.length() > max) {
            throw invalid("'" + field + "' is longer than " + max + " characters.");
        }
        return text;
    }

    private static LocalDate date(JsonNode node, String field, boolean required) {
        String text = text(node, field, 10, required);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("'" + field + "' must be a date yyyy-MM-dd.");
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.AXIS_FIELD_INVALID, message);
    }


    private static void answer(Exchange exchange, int status, Object body) {
        JsonAnswer.write(exchange, status, body);
    }
}
