package vn.lienthong.gateway.sandbox;

import java.time.format.DateTimeFormatter;
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
import vn.lienthong.gateway.sandbox.RegistryWorld.Enterprise;

/**
 * Simulates the national business registration database:
 * {@code GET /sandbox/business/chiTietDoanhNghiep?msdn=<code>} answers {@code MainInformation,
 * HOAdress, BusinessActivity[], Member[]} (FORMATS.md), 404 for an unknown code. Fault switch: {@code business}.
 */
@RestController
@RequestMapping("/sandbox/business")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class BusinessRegistrySimulator {

    public static final String SYSTEM = "business";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final RegistryWorld world;
    private final SimulatorGate gate;

    BusinessRegistrySimulator(RegistryWorld world, SimulatorGate gate) {
        this.world = world;
        this.gate = gate;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return gate.health(SYSTEM);
    }

    @GetMapping("/chiTietDoanhNghiep")
    ResponseEntity<Object> detail(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                  @RequestParam(value = "msdn", required = false) String code) {
        ResponseEntity<Object> refused = gate.admit(SYSTEM, authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        if (code == null || !code.matches("\\d{10}(-\\d{3})?")) {
            return SimulatorGate.badRequest("Mã số doanh nghiệp không hợp lệ");
        }
        return world.enterprise(code).<ResponseEntity<Object>>map(e -> ResponseEntity.ok(answer(e)))
                .orElseGet(() -> SimulatorGate.notFound("Không tìm thấy doanh nghiệp"));
    }

    private static Map<String, Object> answer(Enterprise e) {
        Map<String, Object> main = new LinkedHashMap<>();
        main.put("ENTERPRISE_GDT_CODE", e.code());
        main.put("PARENT_ENTERPRISE_CODE", e.parentCode());
        main.put("NAME", e.name());
        main.put("SHORT_NAME", e.shortName());
        main.put("NAME_F", e.foreignName());
        main.put("ENTERPRISE_TYPE_NAME", e.type());
        main.put("FOUNDING_DATE", e.foundingDate().format(DATE));
        main.put("LAST_AMEND_DATE", e.lastAmendDate().format(DATE));
        main.put("ENTERPRISE_STATUS", e.status());
        main.put("LEGAL_NAMES", e.representativeName());
        main.put("CAPITAL_AMOUNT", e.capital());
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("CityID", e.headOffice().provinceCode());
        address.put("CityName", e.headOffice().provinceName());
        address.put("WardID", e.headOffice().communeCode());
        address.put("WardName", e.headOffice().communeName());
        address.put("StreetNumber", e.headOffice().detail());
        address.put("AddressFullText", (e.headOffice().detail().isEmpty() ? "" : e.headOffice().detail() + ", ")
                + e.headOffice().communeName() + ", " + e.headOffice().provinceName());
        List<Map<String, Object>> activities = new ArrayList<>();
        for (String a : e.activities()) {
            activities.add(Map.of("CODE", a.substring(0, 4), "NAME", a.substring(7), "IS_MAIN", activities.isEmpty()));
        }
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("FULL_NAME", e.representativeName());
        member.put("ID_NUMBER", e.representativeId());
        member.put("POSITION", "Người đại diện theo pháp luật");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("MainInformation", main);
        body.put("HOAdress", address);
        body.put("BusinessActivity", activities);
        body.put("Member", List.of(member));
        return body;
    }
}
