package vn.lienthong.gateway.sandbox;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lienthong.gateway.sandbox.RegistryWorld.Participant;

/**
 * Simulates the social-insurance database (BHXH):
 * <pre>
 * GET /sandbox/social-insurance/tra-cuu?maSoBhxh=NNNNNNNNNN           -> a participant, 404 when unknown
 * GET /sandbox/social-insurance/tim-kiem?hoTen=&amp;ngaySinh=yyyyMMdd    -> {"danhSach": [...]} (may be empty)
 * GET /sandbox/social-insurance/tim-kiem?soDinhDanh=NNNNNNNNNNNN      -> the same, by personal ID (the database is linked to the population registry)
 * </pre>
 * A participant: {@code maSoBhxh, soDinhDanh, hoTen, ngaySinh (yyyyMMdd), gioiTinh, maTinhKs, maXaKs, trangThai}.
 * Fault switch: {@code social-insurance}.
 */
@RestController
@RequestMapping("/sandbox/social-insurance")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class SocialInsuranceSimulator {

    public static final String SYSTEM = "social-insurance";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final RegistryWorld world;
    private final SimulatorGate gate;

    SocialInsuranceSimulator(RegistryWorld world, SimulatorGate gate) {
        this.world = world;
        this.gate = gate;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return gate.health(SYSTEM);
    }

    @GetMapping("/tra-cuu")
    ResponseEntity<Object> byNumber(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                    @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                    @RequestParam(value = "maSoBhxh", required = false) String number) {
        ResponseEntity<Object> refused = gate.admit(SYSTEM, authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        if (number == null || !number.matches("\\d{10}")) {
            return SimulatorGate.badRequest("Mã số BHXH không hợp lệ");
        }
        return world.participant(number).<ResponseEntity<Object>>map(p -> ResponseEntity.ok(answer(p)))
                .orElseGet(() -> SimulatorGate.notFound("Không tìm thấy người tham gia"));
    }

    @GetMapping("/tim-kiem")
    ResponseEntity<Object> search(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                  @RequestParam(value = "hoTen", required = false) String fullName,
                                  @RequestParam(value = "ngaySinh", required = false) String birthDate,
                                  @RequestParam(value = "soDinhDanh", required = false) String personalId) {
        ResponseEntity<Object> refused = gate.admit(SYSTEM, authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        List<Map<String, Object>> found = new ArrayList<>();
        if (personalId != null) {
            if (!personalId.matches("\\d{12}")) {
                return SimulatorGate.badRequest("Số định danh không hợp lệ");
            }
            world.participantOf(personalId).ifPresent(p -> found.add(answer(p)));
        } else {
            if (fullName == null || fullName.isBlank() || birthDate == null) {
                return SimulatorGate.badRequest("Cần họ tên và ngày sinh");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(birthDate, DATE);
            } catch (DateTimeParseException e) {
                return SimulatorGate.badRequest("Ngày sinh không hợp lệ (yyyyMMdd)");
            }
            world.search(fullName.strip(), date).forEach(p -> found.add(answer(p)));
        }
        return ResponseEntity.ok(Map.of("danhSach", found));
    }

    private static Map<String, Object> answer(Participant p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("maSoBhxh", p.number());
        body.put("soDinhDanh", p.personalId());
        body.put("hoTen", p.fullName());
        body.put("ngaySinh", p.birthDate().format(DATE));
        body.put("gioiTinh", p.female() ? "2" : "1");
        body.put("maTinhKs", p.birthProvinceCode());
        body.put("maXaKs", p.birthCommuneCode());
        body.put("trangThai", p.status());
        return body;
    }
}
