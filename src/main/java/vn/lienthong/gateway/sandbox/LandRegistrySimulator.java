package vn.lienthong.gateway.sandbox;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lienthong.gateway.sandbox.RegistryWorld.Parcel;

/**
 * Simulates the land database (no public shape is known; FORMATS.md): {@code GET /sandbox/land/thua-dat}
 * with {@code soGiayChungNhan}, or {@code maXa + soTo + soThua}, or {@code soDinhDanh} (a holder) →
 * {@code {"danhSachThuaDat": [{SoGiayChungNhan, MaXa, SoHieuBanDo, SoThuTuThua, DienTich, DiaChi,
 * MucDichSuDung, NgayCap, TrangThai, ChuSuDung[{HoTen, SoDinhDanh}]}]}}, empty when none. Fault switch: {@code land}.
 */
@RestController
@RequestMapping("/sandbox/land")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class LandRegistrySimulator {

    public static final String SYSTEM = "land";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final RegistryWorld world;
    private final SimulatorGate gate;

    LandRegistrySimulator(RegistryWorld world, SimulatorGate gate) {
        this.world = world;
        this.gate = gate;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return gate.health(SYSTEM);
    }

    @GetMapping("/thua-dat")
    ResponseEntity<Object> parcels(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                   @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                   @RequestParam(value = "soGiayChungNhan", required = false) String certificate,
                                   @RequestParam(value = "maXa", required = false) String commune,
                                   @RequestParam(value = "soTo", required = false) String sheet,
                                   @RequestParam(value = "soThua", required = false) String parcel,
                                   @RequestParam(value = "soDinhDanh", required = false) String holder) {
        ResponseEntity<Object> refused = gate.admit(SYSTEM, authorization, customHeader);
        if (refused != null) {
            return refused;
        }
        List<Parcel> found = new ArrayList<>();
        if (certificate != null) {
            world.parcel(certificate.strip()).ifPresent(found::add);
        } else if (commune != null && sheet != null && parcel != null) {
            if (!commune.matches("\\d{5}") || !sheet.matches("\\d{1,4}") || !parcel.matches("\\d{1,5}")) {
                return SimulatorGate.badRequest("Mã xã, số tờ, số thửa không hợp lệ");
            }
            Optional<Parcel> p = world.parcel(commune, Integer.parseInt(sheet), Integer.parseInt(parcel));
            p.ifPresent(found::add);
        } else if (holder != null && holder.matches("\\d{12}")) {
            found.addAll(world.parcelsHeldBy(holder));
        } else {
            return SimulatorGate.badRequest("Cần số giấy chứng nhận, hoặc mã xã + số tờ + số thửa, hoặc số định danh");
        }
        List<Map<String, Object>> answer = new ArrayList<>();
        found.forEach(p -> answer.add(answer(p)));
        return ResponseEntity.ok(Map.of("danhSachThuaDat", answer));
    }

    private static Map<String, Object> answer(Parcel p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("SoGiayChungNhan", p.certificateNumber());
        body.put("MaXa", p.communeCode());
        body.put("SoHieuBanDo", p.mapSheet());
        body.put("SoThuTuThua", p.parcelNumber());
        body.put("DienTich", p.area());
        body.put("DiaChi", p.address());
        body.put("MucDichSuDung", p.landUse());
        body.put("NgayCap", p.issueDate().format(DATE));
        body.put("TrangThai", p.status());
        List<Map<String, Object>> holders = new ArrayList<>();
        p.holders().forEach(h -> holders.add(Map.of("HoTen", h.fullName(), "SoDinhDanh", h.personalId())));
        body.put("ChuSuDung", holders);
        return body;
    }
}
