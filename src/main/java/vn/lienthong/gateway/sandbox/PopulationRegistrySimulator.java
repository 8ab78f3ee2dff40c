package vn.lienthong.gateway.sandbox;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import vn.lienthong.gateway.sandbox.Person.Address;
import vn.lienthong.gateway.xml.SafeXml;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * Simulates the national population database as the provincial data-sharing platform exposes it,
 * in the shape public clients of the real service parse (FORMATS.md, "Population database"): a SOAP
 * operation {@code TraCuuThongTinCongDan} at {@code POST /sandbox/population/ws} taking
 * {@code MaYeuCau, MaDVC, MaTichHop, MaCanBo}, {@code SoDinhDanh} or {@code SoCMND}, and optionally
 * {@code HoVaTen} and {@code NgayThangNamSinh} (read by local name, any namespace), answering a
 * {@code CongdanCollection} in {@value #NS} with one {@code CongDan}, or none when nobody has the ID
 * (there is no error code); a request without a valid ID is a SOAP Fault (HTTP 500).
 * As the real registry writes them: people born before {@value #WHOLE_NAME_BEFORE} have their whole
 * name, upper case, in {@code Ten} (Ho and ChuDem empty); people born before {@value #YEAR_ONLY_BEFORE}
 * have only the year of birth ({@code Nam}; none of the fixed cases is).
 * It demands the platform's credentials (a bearer token from {@code /sandbox/oauth2/token}, the custom
 * header, or the NDXP headers: {@link SandboxTokens#acceptsNdxp}), remembers the officer
 * ({@code MaCanBo}) of recent requests, and honours the fault switches of system {@code population}.
 */
@RestController
@RequestMapping("/sandbox/population")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class PopulationRegistrySimulator {

    public static final String SYSTEM = "population";
    static final String NS = "http://www.mic.gov.vn/dancu/1.0";
    static final int WHOLE_NAME_BEFORE = 1980;
    static final int YEAR_ONLY_BEFORE = 1945;
    private static final int REMEMBERED_REQUESTS = 1000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final MediaType SOAP = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final Population population;
    private final SandboxTokens tokens;
    private final SandboxFaults faults;
    private final AtomicLong requests = new AtomicLong();
    /** MaYeuCau -> what the latest requests carried, oldest dropped first. */
    private final Map<String, Received> received = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Received> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    });

    PopulationRegistrySimulator(Population population, SandboxTokens tokens, SandboxFaults faults) {
        this.population = population;
        this.tokens = tokens;
        this.faults = faults;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return faults.of(SYSTEM).mode() == SandboxFaults.Mode.DOWN
                ? ResponseEntity.status(503).body("DOWN")
                : ResponseEntity.ok("UP");
    }

    /** How many look-ups the simulator received since start, as plain text. */
    @GetMapping(value = "/stats", produces = MediaType.TEXT_PLAIN_VALUE)
    String stats() {
        return Long.toString(requests.get());
    }

    @PostMapping(value = "/ws")
    ResponseEntity<String> lookUp(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                  @RequestHeader(value = "Timestamp", required = false) String timestamp,
                                  @RequestHeader(value = "X-Road-Client", required = false) String xRoadClient,
                                  @RequestHeader(value = "ApiKey", required = false) String apiKey,
                                  @RequestBody(required = false) byte[] body) {
        requests.incrementAndGet();
        if (faults.apply(SYSTEM)) {
            return ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body("Service Unavailable");
        }
        if (faults.of(SYSTEM).mode() == SandboxFaults.Mode.HOSTILE) {
            return soap(200, hostileAnswer());
        }
        if (!tokens.accepts(authorization, customHeader) && !tokens.acceptsNdxp(authorization, timestamp, xRoadClient, apiKey)) {
            return soap(401, fault("Client", "Thiếu hoặc sai thông tin xác thực (invalid credentials)"));
        }
        Document request;
        try {
            request = SafeXml.parse(body == null ? new byte[0] : body);
        } catch (XmlRejectedException e) {
            return soap(400, fault("Client", "Yêu cầu không hợp lệ (malformed request)"));
        }
        String requestId = SafeXml.firstText(request, "MaYeuCau");
        if (requestId != null) {
            received.put(requestId, new Received(SafeXml.firstText(request, "MaCanBo"), SafeXml.firstText(request, "MaTichHop"),
                    SafeXml.firstText(request, "HoVaTen"), SafeXml.firstText(request, "NgayThangNam"), SafeXml.firstText(request, "Nam"),
                    request.getDocumentElement().getElementsByTagNameNS("*", "TraCuuThongTinCongDan").getLength() == 1
                            ? request.getElementsByTagNameNS("*", "TraCuuThongTinCongDan").item(0).getNamespaceURI() : null));
        }
        String personalId = SafeXml.firstText(request, "SoDinhDanh");
        String oldCard = SafeXml.firstText(request, "SoCMND");
        Optional<Person> person;
        if (personalId != null && personalId.matches("\\d{12}")) {
            person = population.byPersonalId(personalId);
        } else if (oldCard != null && oldCard.matches("\\d{9}")) {
            person = population.byOldCard(oldCard);
        } else {
            return soap(500, fault("Client", "Số định danh không hợp lệ (invalid identifier)"));
        }
        String answer = answer(person.orElse(null));
        if (faults.of(SYSTEM).mode() == SandboxFaults.Mode.TRUNCATED) {
            return soap(200, answer.substring(0, answer.length() / 2));
        }
        return soap(200, answer);
    }

    /** What a request carried: MaCanBo, MaTichHop, HoVaTen, NgayThangNam, Nam, and the operation's namespace. */
    public record Received(String officer, String integrationCode, String fullName, String birthDate, String birthYear, String namespace) {
    }

    /** The request with this MaYeuCau, if it is among the latest {@value #REMEMBERED_REQUESTS}. */
    public Optional<Received> received(String requestId) {
        return Optional.ofNullable(received.get(requestId));
    }

    /** Requests received since start (for tests and the benchmark). */
    public long requestCount() {
        return requests.get();
    }

    private static ResponseEntity<String> soap(int status, String envelope) {
        return ResponseEntity.status(status).contentType(SOAP).body(envelope);
    }

    private static String answer(Person p) {
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">")
                .append("<soapenv:Body><ns1:CongdanCollection xmlns:ns1=\"").append(NS).append("\">");
        if (p != null) {
            xml.append("<ns1:CongDan>");
            element(xml, "SoDinhDanh", p.personalId());
            element(xml, "SoCMND", p.oldCardNumber() == null ? "" : p.oldCardNumber());
            xml.append("<ns1:HoVaTen>");
            if (p.birthDate().getYear() < WHOLE_NAME_BEFORE) {
                element(xml, "Ho", "");
                element(xml, "ChuDem", "");
                element(xml, "Ten", p.fullName().toUpperCase(java.util.Locale.ROOT));
            } else {
                element(xml, "Ho", p.familyName());
                element(xml, "ChuDem", p.middleName());
                element(xml, "Ten", p.givenName());
            }
            xml.append("</ns1:HoVaTen>");
            element(xml, "GioiTinh", p.female() ? "2" : "1");
            element(xml, "DanToc", p.ethnicity());
            element(xml, "TonGiao", "00");
            element(xml, "TinhTrangHonNhan", p.maritalStatus());
            xml.append("<ns1:NgayThangNamSinh>");
            element(xml, "Nam", Integer.toString(p.birthDate().getYear()));
            if (p.birthDate().getYear() >= YEAR_ONLY_BEFORE) {
                element(xml, "NgayThangNam", p.birthDate().format(DATE));
            }
            xml.append("</ns1:NgayThangNamSinh>");
            address(xml, "NoiDangKyKhaiSinh", p.birthPlace());
            address(xml, "QueQuan", p.hometown());
            address(xml, "ThuongTru", p.permanentResidence());
            address(xml, "NoiOHienTai", p.currentResidence());
            element(xml, "QuocTich", "VN");
            relative(xml, "Cha", p.fatherName());
            relative(xml, "Me", p.motherName());
            xml.append("<ns1:ChuHo>");
            element(xml, "QuanHe", "Chủ hộ");
            element(xml, "SoDinhDanh", p.personalId());
            element(xml, "HoVaTen", p.fullName());
            xml.append("</ns1:ChuHo>");
            if (p.deathDate() != null) {
                element(xml, "NgayMat", p.deathDate().format(DATE));
            }
            xml.append("</ns1:CongDan>");
        }
        xml.append("</ns1:CongdanCollection></soapenv:Body></soapenv:Envelope>");
        return xml.toString();
    }

    /** An answer a spoofed registry might send: an external entity that would read a local file and call out. */
    private String hostileAnswer() {
        return "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY file SYSTEM \"file:///etc/passwd\">"
                + "<!ENTITY % remote SYSTEM \"" + faults.of(SYSTEM).hostileUrl() + "\"> %remote;]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"" + NS + "\">"
                + "<soapenv:Body><ns1:CongdanCollection><ns1:CongDan><ns1:SoDinhDanh>&file;</ns1:SoDinhDanh>"
                + "</ns1:CongDan></ns1:CongdanCollection></soapenv:Body></soapenv:Envelope>";
    }

    private static String fault(String code, String message) {
        StringBuilder xml = new StringBuilder();
        xml.append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><soapenv:Fault>")
                .append("<faultcode>soapenv:").append(code).append("</faultcode><faultstring>");
        escape(xml, message);
        return xml.append("</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>").toString();
    }

    private static void address(StringBuilder xml, String name, Address a) {
        xml.append("<ns1:").append(name).append('>');
        element(xml, "MaTinhThanh", a.provinceCode());
        element(xml, "TenTinhThanh", a.provinceName());
        element(xml, "MaPhuongXa", a.communeCode());
        element(xml, "TenPhuongXa", a.communeName());
        element(xml, "ChiTiet", a.detail());
        element(xml, "QuocGia", "VN");
        xml.append("</ns1:").append(name).append('>');
    }

    private static void relative(StringBuilder xml, String name, String fullName) {
        xml.append("<ns1:").append(name).append('>');
        element(xml, "HoVaTen", fullName);
        xml.append("</ns1:").append(name).append('>');
    }

    private static void element(StringBuilder xml, String name, String value) {
        if (value == null) {
            return;
        }
        xml.append("<ns1:").append(name).append('>');
        escape(xml, value);
        xml.append("</ns1:").append(name).append('>');
    }

    private static void escape(StringBuilder xml, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                default -> xml.append(c);
            }
        }
    }
}
