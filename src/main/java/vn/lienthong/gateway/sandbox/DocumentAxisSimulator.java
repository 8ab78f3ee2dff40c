package vn.lienthong.gateway.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import vn.lienthong.gateway.axis.EdXmlCodec;
import vn.lienthong.gateway.axis.EdXmlPackages;
import vn.lienthong.gateway.axis.EdXmlSignatures;
import vn.lienthong.gateway.axis.StatusCode;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.axis.edxml.Organization;
import vn.lienthong.gateway.crypto.GatewayKeys;
import vn.lienthong.gateway.xml.SafeXml;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * Simulates the national document axis (Trục liên thông văn bản quốc gia):
 * <pre>
 * POST /sandbox/axis/messages?type=edoc|status     send a package or status; the axis reads From/To from it -> {"id"}
 *      (&amp;from=&amp;to= : relay raw bytes as given, to show what a misbehaving sender or axis can deliver)
 * GET  /sandbox/axis/messages?agency=CODE          ids of the messages waiting for that agency
 * GET  /sandbox/axis/messages/{id}                 one message, as sent
 * PUT  /sandbox/axis/messages/{id}/state?agency=&amp;state=done|fail   (body: the reason) the agency is done with it
 * GET  /sandbox/axis/agencies                      the national agency directory
 * GET  /sandbox/axis/stats                         counters (administrator)
 * </pre>
 * Every operation demands the platform credential (a bearer token from {@code /sandbox/oauth2/token}, or the custom header).
 * Agencies outside the province (G.. ministries, the neighbouring province) answer every package
 * addressed to them with status 01 then 03, signed — in the sandbox with the gateway's development key,
 * which stands for any agency certified by the same CA. Fault switches of system {@code axis}.
 */
@RestController
@RequestMapping("/sandbox/axis")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class DocumentAxisSimulator {

    public static final String SYSTEM = "axis";

    /** The national agency directory as the sandbox publishes it. */
    static final List<Map<String, String>> AGENCIES = List.of(
            agency("000.00.00.H41", "Văn phòng Ủy ban nhân dân tỉnh", "Số 3 đường Trường Thi, thành phố tỉnh lỵ", true),
            agency("000.00.12.H41", "Sở Tư pháp", "Số 6 đường Hồ Tùng Mậu, thành phố tỉnh lỵ", true),
            agency("000.00.21.H41", "Sở Tài nguyên và Môi trường", "Số 71 đường Nguyễn Sỹ Sách, thành phố tỉnh lỵ", true),
            agency("000.00.00.H40", "Văn phòng Ủy ban nhân dân tỉnh lân cận", "Số 1 đường Lê Lợi, tỉnh lân cận", false),
            agency("000.00.00.G22", "Văn phòng Chính phủ", "Số 1 Hoàng Hoa Thám, Ba Đình, Hà Nội", false),
            agency("000.00.00.G12", "Bộ Tư pháp", "Số 58-60 Trần Phú, Ba Đình, Hà Nội", false),
            agency("000.00.00.G09", "Bộ Nội vụ", "Số 8 Tôn Thất Thuyết, Nam Từ Liêm, Hà Nội", false));

    private record Stored(String id, String type, String from, List<String> to, byte[] bytes, Map<String, String> states) {
    }

    private final Map<String, Stored> messages = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong sendAttempts = new AtomicLong();
    private final SandboxFaults faults;
    private final SandboxTokens tokens;
    private final GatewayKeys keys;

    DocumentAxisSimulator(SandboxFaults faults, SandboxTokens tokens, GatewayKeys keys) {
        this.faults = faults;
        this.tokens = tokens;
        this.keys = keys;
    }

    /** Fault first (a down axis answers nobody), then the platform credential; null when the call may proceed. */
    private ResponseEntity<Object> refusal(String authorization, String customHeader) {
        if (faults.apply(SYSTEM)) {
            return ResponseEntity.status(503).body(Map.of("error", "Trục liên thông tạm thời không phục vụ (unavailable)"));
        }
        if (!tokens.accepts(authorization, customHeader)) {
            return ResponseEntity.status(401).body(Map.of("error", "Thiếu hoặc sai thông tin xác thực (invalid credentials)"));
        }
        return null;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return faults.of(SYSTEM).mode() == SandboxFaults.Mode.DOWN ? ResponseEntity.status(503).body("DOWN") : ResponseEntity.ok("UP");
    }

    @GetMapping("/stats")
    Map<String, Object> stats() {
        return Map.of("sendAttempts", sendAttempts.get(), "messages", messages.size());
    }

    @PostMapping("/messages")
    ResponseEntity<Object> send(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                @RequestParam(required = false) String type, @RequestParam(required = false) String from,
                                @RequestParam(required = false) List<String> to, @RequestBody(required = false) byte[] body) {
        sendAttempts.incrementAndGet();
        ResponseEntity<Object> refused = refusal(authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        if (body == null || body.length == 0 || !("edoc".equals(type) || "status".equals(type))) {
            return ResponseEntity.badRequest().body(Map.of("error", "type edoc|status and a body are required"));
        }
        String sender = from;
        List<String> addressees = to;
        if (addressees == null || addressees.isEmpty()) {
            try {
                Document document = SafeXml.parse(body);
                if ("edoc".equals(type)) {
                    sender = text(first(document, "From"), "OrganId");
                    addressees = new ArrayList<>();
                    NodeList tos = document.getElementsByTagNameNS(EdXmlNames.NS, "To");
                    for (int i = 0; i < tos.getLength(); i++) {
                        addressees.add(text((Element) tos.item(i), "OrganId"));
                    }
                } else {
                    // a status message is an edXML package: MessageHeader {From, ResponseFor, StatusCode, ...}
                    sender = text(first(document, "From"), "OrganId");
                    addressees = List.of(text(first(document, "ResponseFor"), "OrganId"));
                }
            } catch (XmlRejectedException | NullPointerException e) {
                return ResponseEntity.badRequest().body(Map.of("error", "Gói tin không hợp lệ (the axis cannot route it)"));
            }
        }
        String id = store(type, sender, addressees, body);
        if ("edoc".equals(type)) {
            answerForExternalAgencies(body, addressees);
        }
        return ResponseEntity.ok(Map.of("id", id));
    }

    @GetMapping("/messages")
    ResponseEntity<Object> list(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                @RequestParam(required = false) String agency) {
        ResponseEntity<Object> refused = refusal(authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        if (agency == null || agency.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "agency is required"));
        }
        List<Map<String, String>> waiting = new ArrayList<>();
        messages.values().stream().sorted((a, b) -> a.id().compareTo(b.id()))
                .filter(m -> m.to().contains(agency) && "pending".equals(m.states().get(agency)))
                .forEach(m -> waiting.add(Map.of("id", m.id(), "type", m.type(), "from", m.from() == null ? "" : m.from())));
        return ResponseEntity.ok(Map.of("messages", waiting));
    }

    @GetMapping("/messages/{id}")
    ResponseEntity<?> get(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                          @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader, @PathVariable String id) {
        ResponseEntity<Object> refused = refusal(authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        Stored m = messages.get(id);
        return m == null ? ResponseEntity.notFound().build() : ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(m.bytes());
    }

    @PutMapping("/messages/{id}/state")
    ResponseEntity<Object> state(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                 @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                 @PathVariable String id, @RequestParam(required = false) String agency,
                                 @RequestParam(required = false) String state, @RequestBody(required = false) byte[] reason) {
        ResponseEntity<Object> refused = refusal(authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        Stored m = messages.get(id);
        if (m == null || agency == null || !m.states().containsKey(agency) || !("done".equals(state) || "fail".equals(state))) {
            return ResponseEntity.badRequest().body(Map.of("error", "unknown message, agency or state"));
        }
        m.states().put(agency, state + (reason == null || reason.length == 0 ? "" : ": " + new String(reason, StandardCharsets.UTF_8)));
        return ResponseEntity.ok(Map.of("id", id, "agency", agency, "state", state));
    }

    @GetMapping("/agencies")
    ResponseEntity<Object> agencies(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                    @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader) {
        ResponseEntity<Object> refused = refusal(authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        List<Map<String, String>> list = new ArrayList<>();
        for (Map<String, String> a : AGENCIES) {
            Map<String, String> row = new LinkedHashMap<>(a);
            row.remove("province");
            list.add(row);
        }
        return ResponseEntity.ok(Map.of("agencies", list));
    }

    /** The state an agency left a message in (pending, done, fail: reason), for tests and demos. */
    public String stateOf(String id, String agency) {
        Stored m = messages.get(id);
        return m == null ? null : m.states().get(agency);
    }

    /** The messages sent to an agency, oldest first. */
    public List<byte[]> messagesFor(String agency, String type) {
        return messages.values().stream().filter(m -> m.to().contains(agency) && m.type().equals(type))
                .sorted((a, b) -> a.id().compareTo(b.id())).map(Stored::bytes).toList();
    }

    private String store(String type, String from, List<String> to, byte[] body) {
        String id = String.format("AX%010d", sequence.incrementAndGet());
        Map<String, String> states = new ConcurrentHashMap<>();
        to.forEach(agency -> states.put(agency, "pending"));
        messages.put(id, new Stored(id, type, from, List.copyOf(to), body, states));
        return id;
    }

    /** Agencies outside the province are simulated: they acknowledge what they receive with 01 and 03. */
    private void answerForExternalAgencies(byte[] body, List<String> addressees) {
        EdXml edxml;
        try {
            Document document = SafeXml.parse(body);
            edxml = EdXmlCodec.read(document.getDocumentElement(), EdXml.class);
        } catch (RuntimeException e) {
            return;
        }
        for (String code : addressees) {
            Map<String, String> agency = AGENCIES.stream().filter(a -> a.get("code").equals(code)).findFirst().orElse(null);
            if (agency == null || "true".equals(agency.get("province"))) {
                continue;
            }
            Organization from = new Organization();
            from.organId = code;
            from.organName = agency.get("name");
            from.organAdd = agency.get("address");
            for (StatusCode status : List.of(StatusCode.ARRIVED, StatusCode.RECEIVED)) {
                EdXml message = EdXmlPackages.status(EdXmlPackages.responseFor(edxml.envelope.header.messageHeader), from, null, status,
                        status == StatusCode.ARRIVED ? "Văn bản đã đến." : "Văn thư đã tiếp nhận văn bản.", ZonedDateTime.now());
                Document document = EdXmlCodec.toDocument(message);
                Element header = (Element) document.getElementsByTagNameNS(EdXmlNames.NS, "edXMLHeader").item(0);
                // signed as most agencies on the axis sign today: RSA-SHA1
                EdXmlSignatures.sign(document, header, keys.identity(), EdXmlSignatures.RSA_SHA1);
                store("status", code, List.of(edxml.envelope.header.messageHeader.from.organId), EdXmlCodec.toBytes(document));
            }
        }
    }

    private static Element first(Document document, String localName) {
        return (Element) document.getElementsByTagNameNS(EdXmlNames.NS, localName).item(0);
    }

    private static String text(Element parent, String localName) {
        return parent.getElementsByTagNameNS(EdXmlNames.NS, localName).item(0).getTextContent().strip();
    }

    private static Map<String, String> agency(String code, String name, String address, boolean province) {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("code", code);
        a.put("name", name);
        a.put("address", address);
        a.put("email", "vanthu." + code.replace('.', '-').toLowerCase() + "@sandbox.gov.vn");
        a.put("telephone", "0238 3" + String.format("%06d", Math.abs(code.hashCode()) % 1_000_000));
        a.put("province", Boolean.toString(province));
        return a;
    }
}
