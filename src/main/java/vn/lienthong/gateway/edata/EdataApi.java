package vn.lienthong.gateway.edata;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.api.TextRule;
import vn.lienthong.gateway.api.JsonAnswer;
import vn.lienthong.gateway.api.RequestContext;

/**
 * The steps of the e-data routes (routes/edata.camel.yaml): read the partner's request, call the
 * {@link EdataStore}, shape the answer. One method per operation; each starts by opening the
 * request context (correlation id, partner, request hash) and naming its service.
 */
@Component("edataApi")
public class EdataApi {

    static final int ACCESS_LOG_PAGE = 100;
    static final int ACCESS_LOG_MAX_PAGE = 1000;

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final EdataStore store;

    public EdataApi(EdataStore store) {
        this.store = store;
    }

    /** POST /api/v1/edata/documents — JSON with base64 content, or multipart (metadata JSON + file). */
    public void deposit(Exchange exchange) throws IOException {
        RequestContext.open(exchange, "edata.deposit");
        DepositResult result = store.deposit(depositRequest(exchange));
        answer(exchange, result.created() ? 201 : 200, document(result.document()));
    }

    /** POST /api/v1/edata/documents/{id}/supersede — the new version, as for a deposit. */
    public void supersede(Exchange exchange) throws IOException {
        RequestContext.open(exchange, "edata.deposit");
        UUID old = id(exchange);
        DepositResult result = store.supersede(old, depositRequest(exchange));
        answer(exchange, result.created() ? 201 : 200, document(result.document()));
    }

    /** POST /api/v1/edata/documents/{id}/revoke — body {"reason": "..."}. */
    public void revoke(Exchange exchange) throws IOException {
        RequestContext.open(exchange, "edata.deposit");
        UUID id = id(exchange);
        JsonNode body = jsonBody(exchange);
        String reason = text(body, "reason", true);
        answer(exchange, 200, document(store.revoke(id, reason, partner(exchange))));
    }

    /** GET /api/v1/edata/documents?ownerType=&ownerId=&typeCode=&validOnly= */
    public void search(Exchange exchange) {
        RequestContext.open(exchange, "edata.read");
        Message in = exchange.getMessage();
        OwnerType type = ownerType(in.getHeader("ownerType", String.class));
        String owner = required(in.getHeader("ownerId", String.class), "ownerId");
        boolean validOnly = Boolean.parseBoolean(in.getHeader("validOnly", "false", String.class));
        List<Map<String, Object>> documents = new ArrayList<>();
        store.search(type, owner, in.getHeader("typeCode", String.class), validOnly).forEach(d -> documents.add(document(d)));
        answer(exchange, 200, Map.of("documents", documents));
    }

    /** GET /api/v1/edata/documents/{id} — metadata only. */
    public void metadata(Exchange exchange) {
        RequestContext.open(exchange, "edata.read");
        UUID id = id(exchange);
        answer(exchange, 200, document(store.find(id).orElseThrow(() -> notFound(id))));
    }

    /** GET /api/v1/edata/documents/{id}/content?purpose=&dossierCode=&explicitRequest= — verified on every read. */
    public void content(Exchange exchange) {
        RequestContext.open(exchange, "edata.read");
        UUID id = id(exchange);
        VerifiedContent content = store.read(id, readContext(exchange));
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, content.document().mediaType());
        out.setHeader("X-Content-SHA256", content.document().sha256());
        out.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        out.setBody(content.content());
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }

    /** GET /api/v1/edata/documents/{id}/package — a self-verifying zip (content, metadata, signatures, manifest). */
    public void exportPackage(Exchange exchange) {
        RequestContext.open(exchange, "edata.read");
        UUID id = id(exchange);
        byte[] zip = store.exportPackage(id, readContext(exchange));
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        out.setHeader(Exchange.CONTENT_TYPE, "application/zip");
        out.setHeader("Content-Disposition", "attachment; filename=\"edata-" + id + ".zip\"");
        out.setHeader(RequestContext.REQUEST_ID_HEADER, RequestContext.requestId(exchange));
        out.setBody(zip);
        exchange.setProperty(RequestContext.OUTCOME, "OK");
    }

    /** POST /api/v1/edata/packages/verify — body {"package": "<the zip in base64>"}; answers the first problem, if any. */
    public void verifyPackage(Exchange exchange) {
        RequestContext.open(exchange, "edata.read");
        byte[] zip;
        try {
            zip = Base64.getMimeDecoder().decode(text(jsonBody(exchange), "package", true));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "'package' must be the package zip in base64.");
        }
        PackageVerification result = store.packageVerifier().verify(zip);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", result.ok());
        body.put("documentId", result.documentId());
        body.put("problem", result.problem() == null ? null : result.problem().name());
        body.put("file", result.file());
        body.put("message", result.message());
        answer(exchange, 200, body);
    }

    /**
     * GET /api/v1/edata/owners/{id}/access-log?ownerType=&limit=&after= — who read this owner's
     * documents, oldest first, a page at a time: {@code next} is the {@code after} of the next page.
     */
    public void accessLog(Exchange exchange) {
        RequestContext.open(exchange, "edata.access-log");
        Message in = exchange.getMessage();
        OwnerType type = ownerType(in.getHeader("ownerType", "CITIZEN", String.class));
        String owner = required(in.getHeader("id", String.class), "id");
        int limit = (int) number(in.getHeader("limit", String.class), "limit", ACCESS_LOG_PAGE, 1, ACCESS_LOG_MAX_PAGE);
        long after = number(in.getHeader("after", String.class), "after", 0, 0, Long.MAX_VALUE);
        List<AccessRecord> page = store.accessLog(type, owner, after, limit + 1);
        List<Map<String, Object>> reads = new ArrayList<>();
        for (AccessRecord r : page.subList(0, Math.min(limit, page.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sequence", r.sequence());
            row.put("documentId", r.documentId());
            row.put("requester", r.requester());
            row.put("purpose", r.purpose());
            row.put("dossierCode", r.dossierCode());
            row.put("explicitRequest", r.explicitRequest());
            row.put("readAt", r.readAt().toString());
            row.put("outcome", r.outcome());
            if (r.procedureCode() != null) { // a use by a reuse check: which officer, for which procedure, which paper
                row.put("officer", r.officer());
                row.put("procedureCode", r.procedureCode());
                row.put("documentType", r.documentType());
                row.put("registry", r.registry());
                row.put("requestId", r.requestId());
            }
            reads.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ownerType", type.name());
        body.put("ownerId", owner);
        body.put("reads", reads);
        if (page.size() > limit) {
            body.put("next", page.get(limit - 1).sequence());
        }
        answer(exchange, 200, body);
    }

    private static long number(String value, String name, long absent, long min, long max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(ErrorCode.REQUEST_INVALID, name + " must be a whole number from " + min + " to " + max + ".");
    }


    private static String partner(Exchange exchange) {
        return exchange.getProperty(RequestContext.REQUESTER, "anonymous", String.class);
    }

    private static ReadContext readContext(Exchange exchange) {
        Message in = exchange.getMessage();
        return new ReadContext(partner(exchange),
                required(in.getHeader("purpose", String.class), "purpose"),
                in.getHeader("dossierCode", String.class),
                Boolean.parseBoolean(in.getHeader("explicitRequest", "false", String.class)));
    }

    private DepositRequest depositRequest(Exchange exchange) throws IOException {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        JsonNode meta;
        byte[] content;
        if (contentType.startsWith("multipart/form-data")) {
            HttpServletRequest request = servletRequest(exchange);
            try {
                Part metadata = request.getPart("metadata");
                Part file = request.getPart("file");
                if (metadata == null || file == null) {
                    throw new ApiException(ErrorCode.EDATA_FIELD_MISSING, "A multipart deposit has two parts: 'metadata' (JSON) and 'file' (the PDF).");
                }
                try (InputStream m = metadata.getInputStream(); InputStream f = file.getInputStream()) {
                    meta = JSON.readTree(m);
                    content = f.readAllBytes();
                }
                if (meta == null || !meta.isObject()) {
                    throw new ApiException(ErrorCode.REQUEST_INVALID, "Part 'metadata' must be a JSON object.");
                }
                TextRule.check("", meta);
            } catch (ServletException e) {
                throw new ApiException(ErrorCode.REQUEST_INVALID, "The multipart body could not be read.");
            }
        } else {
            meta = jsonBody(exchange);
            String base64 = text(meta, "content", true);
            try {
                content = Base64.getMimeDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "'content' must be the document in base64.");
            }
        }
        return new DepositRequest(
                ownerType(text(meta, "ownerType", true)),
                text(meta, "ownerId", true),
                text(meta, "typeCode", true),
                text(meta, "number", true),
                text(meta, "title", true),
                text(meta, "issuingAgency", true),
                date(meta, "issueDate", true),
                date(meta, "validFrom", false),
                date(meta, "validUntil", false),
                new Source(text(meta, "dossierCode", false), text(meta, "procedureCode", false), channel(text(meta, "channel", true))),
                meta.hasNonNull("mediaType") ? meta.get("mediaType").asText() : "application/pdf",
                content,
                partner(exchange));
    }

    private static HttpServletRequest servletRequest(Exchange exchange) {
        if (exchange.getIn() instanceof PlatformHttpMessage http) {
            return http.getRequest();
        }
        throw new ApiException(ErrorCode.REQUEST_INVALID, "A multipart deposit must arrive over HTTP.");
    }

    private static JsonNode jsonBody(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new ApiException(ErrorCode.EDATA_FIELD_MISSING, "The request body is empty; send JSON.");
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new ApiException(ErrorCode.REQUEST_INVALID, "The request body must be a JSON object.");
            }
            // metadata is kept and shown to other agencies: only text that can travel
            TextRule.check("", node);
            return node;
        } catch (IOException e) {
            throw new ApiException(ErrorCode.REQUEST_INVALID, "The request body is not valid JSON.");
        }
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new ApiException(ErrorCode.EDATA_FIELD_MISSING, "'" + field + "' is missing.");
            }
            return null;
        }
        if (!value.isValueNode()) {
            throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "'" + field + "' must be a single value.");
        }
        return value.asText().strip();
    }

    private static LocalDate date(JsonNode node, String field, boolean required) {
        String value = text(node, field, required);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "'" + field + "' must be a date written yyyy-MM-dd.");
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ApiException(ErrorCode.EDATA_FIELD_MISSING, "'" + name + "' is missing.");
        }
        return value.strip();
    }

    private static OwnerType ownerType(String value) {
        try {
            return OwnerType.valueOf(required(value, "ownerType").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "'ownerType' is CITIZEN or ENTERPRISE.");
        }
    }

    private static Channel channel(String value) {
        try {
            return Channel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "'channel' is one of DESK, SFTP_BATCH, NATIONAL_PORTAL, IGATE.");
        }
    }

    private static UUID id(Exchange exchange) {
        String raw = exchange.getMessage().getHeader("id", String.class);
        try {
            return UUID.fromString(required(raw, "id"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.EDATA_NOT_FOUND, "There is no document with this id.");
        }
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.EDATA_NOT_FOUND, "There is no document with id " + id + ".");
    }

    private static void answer(Exchange exchange, int status, Object body) {
        JsonAnswer.write(exchange, status, body);
    }

    /** The metadata a partner sees: the same view as metadata.json in an exported package. */
    static Map<String, Object> document(StoredDocument d) {
        return EdataPackage.metadata(d);
    }
}
