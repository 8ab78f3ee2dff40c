package vn.lienthong.gateway.sandbox;

import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lienthong.gateway.sandbox.CivilStatusRecords.Party;
import vn.lienthong.gateway.sandbox.CivilStatusRecords.Registration;

/**
 * Simulates the electronic civil-status database (CSDL hộ tịch điện tử, Ministry of Justice) as a data-sharing platform
 * would publish it. No public specification of the real service exists; this shape (XML over HTTP GET, Vietnamese field
 * names as the population service uses) is the sandbox's, and a province adapts connectors/civil-status-action.kamelet.yaml
 * and mappings/civil-status-to-record.xsl to its platform's.
 * <pre>
 * GET /sandbox/civil-status/tra-cuu?soDangKy=KS-00004-2003-000123   one registration; MaLoi 1 when there is none
 * GET /sandbox/civil-status/tra-cuu?soDinhDanh=001203012345         every registration naming the person (may be none)
 *
 * &lt;KetQuaTraCuuHoTich xmlns="urn:vn:gov:moj:hotich:1.0"&gt;
 *   MaLoi (0 found, 1 no such registration, 2 bad request), MoTaLoi
 *   DanhSachHoTich / HoTich*: LoaiViec (KS, KH, KT), SoDangKy, QuyenSo, NgayDangKy (yyyyMMdd),
 *     CoQuanDangKy {MaTinh, MaPhuongXa, TenCoQuan},
 *     KS: NguoiDuocKhaiSinh {HoTen, SoDinhDanh, NgaySinh, GioiTinh (1 male, 2 female)}, NoiSinh, HoTenCha, HoTenMe
 *     KH: Chong {...}, Vo {...}, NgayKetHon
 *     KT: NguoiDaMat {...}, NgayMat, NoiMat
 * </pre>
 * Credentials and fault switch ({@code civil-status}) as every sandbox registry ({@link SimulatorGate}).
 */
@RestController
@RequestMapping("/sandbox/civil-status")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class CivilStatusSimulator {

    public static final String SYSTEM = "civil-status";
    static final String NS = "urn:vn:gov:moj:hotich:1.0";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

    private final CivilStatusRecords records;
    private final SimulatorGate gate;

    CivilStatusSimulator(CivilStatusRecords records, SimulatorGate gate) {
        this.records = records;
        this.gate = gate;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return gate.health(SYSTEM);
    }

    @GetMapping("/tra-cuu")
    ResponseEntity<Object> lookUp(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                  @RequestParam(value = "soDangKy", required = false) String number,
                                  @RequestParam(value = "soDinhDanh", required = false) String personalId) {
        ResponseEntity<Object> refused = gate.admit(SYSTEM, authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        if (number != null && number.matches("K[SHT]-\\d{5}-\\d{4}-\\d{6}")) {
            return records.byNumber(number)
                    .map(r -> answer("0", "Thành công", List.of(r)))
                    .orElseGet(() -> answer("1", "Không tìm thấy thông tin hộ tịch", List.of()));
        }
        if (personalId != null && personalId.matches("\\d{12}")) {
            return answer("0", "Thành công", records.about(personalId));
        }
        return answer("2", "Yêu cầu không hợp lệ", List.of());
    }

    private static ResponseEntity<Object> answer(String code, String description, List<Registration> found) {
        StringWriter out = new StringWriter(1024);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("KetQuaTraCuuHoTich");
            xml.writeDefaultNamespace(NS);
            text(xml, "MaLoi", code);
            text(xml, "MoTaLoi", description);
            xml.writeStartElement("DanhSachHoTich");
            for (Registration r : found) {
                registration(xml, r);
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot happen: writing XML to a string", e);
        }
        return ResponseEntity.ok().contentType(XML).body(out.toString());
    }

    private static void registration(XMLStreamWriter xml, Registration r) throws XMLStreamException {
        xml.writeStartElement("HoTich");
        text(xml, "LoaiViec", r.kind().name());
        text(xml, "SoDangKy", r.number());
        text(xml, "QuyenSo", r.book());
        text(xml, "NgayDangKy", date(r.registeredOn()));
        xml.writeStartElement("CoQuanDangKy");
        text(xml, "MaTinh", r.registeredAt().provinceCode());
        text(xml, "MaPhuongXa", r.registeredAt().communeCode());
        text(xml, "TenCoQuan", "UBND " + r.registeredAt().communeName() + ", " + r.registeredAt().provinceName());
        xml.writeEndElement();
        switch (r.kind()) {
            case KS -> {
                party(xml, "NguoiDuocKhaiSinh", r.subject());
                text(xml, "NoiSinh", r.eventPlace());
                text(xml, "HoTenCha", r.father());
                text(xml, "HoTenMe", r.mother());
            }
            case KH -> {
                party(xml, "Chong", r.subject());
                party(xml, "Vo", r.other());
                text(xml, "NgayKetHon", date(r.eventDate()));
            }
            case KT -> {
                party(xml, "NguoiDaMat", r.subject());
                text(xml, "NgayMat", date(r.eventDate()));
                text(xml, "NoiMat", r.eventPlace());
            }
        }
        xml.writeEndElement();
    }

    private static void party(XMLStreamWriter xml, String name, Party p) throws XMLStreamException {
        xml.writeStartElement(name);
        text(xml, "HoTen", p.fullName());
        text(xml, "SoDinhDanh", p.personalId());
        text(xml, "NgaySinh", date(p.birthDate()));
        text(xml, "GioiTinh", p.female() ? "2" : "1");
        xml.writeEndElement();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value == null) {
            return;
        }
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.format(DATE);
    }
}
