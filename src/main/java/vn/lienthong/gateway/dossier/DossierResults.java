package vn.lienthong.gateway.dossier;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.dossier.model.DossierEvent;
import vn.lienthong.gateway.dossier.model.ResultDocument;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.DepositRequest;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.ReadContext;
import vn.lienthong.gateway.edata.Source;
import vn.lienthong.gateway.edata.VerifiedContent;
import vn.lienthong.gateway.connector.KameletEndpoints;

/**
 * Result documents that travel with a dossier event (a "result returned" event carrying the signed PDFs):
 * <ol>
 *   <li>at intake, before the event is accepted, each PDF is deposited into the e-data store (hashed,
 *       signed, idempotent: the same owner, type, number and content is one document) and the event keeps
 *       only the stored document's id;</li>
 *   <li>at delivery, before the portal hears of the event, each document is pushed to the owner's
 *       national e-data store (connectors/national-edata-action.kamelet.yaml); a pushed document is
 *       recorded (table dossier_result_push), so a retried or redelivered event never pushes it twice.</li>
 * </ol>
 */
@Component("dossierResults")
public class DossierResults {

    /** One push to the national e-data store: the stored document and the request body. */
    public record Push(String documentId, String json) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter NATIONAL_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final EdataStore edata;
    private final DossierEventReader reader;
    private final JdbcTemplate jdbc;
    private final ProducerTemplate producer;

    public DossierResults(EdataStore edata, DossierEventReader reader, JdbcTemplate jdbc, @Lazy ProducerTemplate producer) {
        this.edata = edata;
        this.reader = reader;
        this.jdbc = jdbc;
        this.producer = producer;
    }

    /** Deposits every result that carries its PDF; the event then names the stored document instead. */
    public void depositAtIntake(DossierEvent event, String partner) {
        if (event.dossier == null || event.dossier.results == null) {
            return;
        }
        for (ResultDocument result : event.dossier.results) {
            if (result.content == null) {
                continue;
            }
            OwnerType owner = switch (event.dossier.ownerType) {
                case 1 -> OwnerType.CITIZEN;
                case 2 -> OwnerType.ENTERPRISE;
                default -> throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID,
                        "Field 'content' is not valid: only a citizen's or an enterprise's result is kept in the e-data store.");
            };
            var stored = edata.deposit(new DepositRequest(owner, event.dossier.ownerId, result.resultCode,
                    required(result.number, "number"), result.name, required(result.issuingAgency, "issuingAgency"),
                    date(required(result.issueDate, "issueDate")), null, null,
                    new Source(event.dossierCode, event.dossier.procedureCode, Channel.IGATE), "application/pdf",
                    result.content, partner));
            result.documentId = stored.document().id().toString();
            result.content = null;
        }
    }

    /** The event's deposited results not yet pushed to the national e-data store (the body is the event's XML). */
    /**
     * False only when the queued payload (the gateway's own canonical XML) cannot hold a result: no element
     * named {@code results} can be written without those letters, so a payload without them has none.
     */
    static boolean mayHaveResults(byte[] payload) {
        return payload != null && new String(payload, StandardCharsets.UTF_8).contains("results");
    }

    List<Push> pending(Exchange exchange) {
        String eventId = exchange.getProperty("dossierEventId", String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        if (!mayHaveResults(payload)) {
            return List.of(); // most events are progress steps: no need to parse, validate and bind them here
        }
        DossierEvent event = reader.readXml(payload);
        List<Push> pushes = new ArrayList<>();
        if (event.dossier == null || event.dossier.results == null) {
            return pushes;
        }
        List<String> done = jdbc.queryForList("select document_id from dossier_result_push where event_id = ?", String.class, eventId);
        for (ResultDocument result : event.dossier.results) {
            if (result.documentId == null || done.contains(result.documentId)) {
                continue;
            }
            VerifiedContent content = edata.read(UUID.fromString(result.documentId),
                    new ReadContext("national-edata", "Đẩy kết quả vào kho dữ liệu điện tử quốc gia (push to the national e-data store)",
                            event.dossierCode, false));
            pushes.add(new Push(result.documentId, json(event, result, content)));
        }
        return pushes;
    }

    /**
     * Pushes every pending result through {@code kamelet:national-edata-action}, recording each confirmed one.
     * The first failure is thrown: the route's error handler retries this step, which pushes only what is left.
     */
    public void pushAll(Exchange exchange) throws Exception {
        String eventId = exchange.getProperty("dossierEventId", String.class);
        for (Push push : pending(exchange)) {
            Exchange call = producer.send(KameletEndpoints.resolve(producer, "kamelet:national-edata-action"), ex -> ex.getMessage().setBody(push.json()));
            if (call.getException() != null) {
                throw call.getException();
            }
            pushed(eventId, push.documentId(), call.getMessage().getBody(String.class));
        }
    }

    /** After the national store confirmed one document. */
    private void pushed(String eventId, String documentId, String answer) {
        String path = null;
        try {
            path = JSON.readTree(answer).path("result").path("DuongDan").asText(null);
        } catch (JsonProcessingException | RuntimeException ignored) {
            // the path is informative only
        }
        jdbc.update("insert into dossier_result_push (event_id, document_id, national_path, pushed_at) values (?, ?, ?, ?)",
                eventId, documentId, path, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static String json(DossierEvent event, ResultDocument result, VerifiedContent content) {
        var d = content.document();
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("TenTep", result.resultCode + "-" + d.id() + ".pdf");
        file.put("NoiDung", Base64.getEncoder().encodeToString(content.content()));
        file.put("SHA256", Hashes.sha256Hex(content.content()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("SoDinhDanhChuSoHuu", d.ownerId());
        body.put("LoaiChuSoHuu", d.ownerType() == OwnerType.CITIZEN ? "1" : "2");
        body.put("MaKetQua", d.typeCode());
        body.put("TenGiayTo", d.title());
        body.put("SoKyHieu", d.number());
        body.put("CoQuanChuQuan", d.issuingAgency());
        body.put("NgayCap", d.issueDate().format(NATIONAL_DATE));
        body.put("MaHoSo", event.dossierCode);
        body.put("MaThuTuc", event.dossier.procedureCode);
        body.put("TepDinhKem", file);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: plain data", e);
        }
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID,
                    "Field '" + field + "' is missing: a result sent with its content needs number, issueDate and issuingAgency.");
        }
        return value;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new ApiException(ErrorCode.DOSSIER_EVENT_INVALID, "Field 'issueDate' is not valid: write yyyy-MM-dd.");
        }
    }
}
