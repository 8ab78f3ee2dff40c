package vn.lienthong.gateway.sandbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Simulates the National Public Service Portal's dossier synchronisation (FORMATS.md):
 * <pre>
 * POST /sandbox/portal/login     {username, password} -> {session, error_code: "0"}
 * POST /sandbox/portal/service   {session, madonvi, service, ...} -> {error_code, message}
 *        services DongBoHoSoMC (isUpdating, data: [dossier]), CapNhatTienDoHoSoMC (data: [progress]),
 *        TraCuuHoSo (mahoso, as public clients send it, or MaHoSo),
 *        LayDanhSachHoSoTrucTuyen (TuSo: dossiers submitted online after that sequence number)
 * PUT  /sandbox/faults/portal/script?maHoSo=  (admin) body [{"http": 503} | {"error_code": "2", "message": "..."}, ...]:
 *        the next calls about that dossier get these answers, in order; a success code (0, "0", "00") is processed
 *        as usual and answered with that code
 * GET  /sandbox/portal/stats?maHoSo=&view=calls (admin) every call about one dossier (accepted, refused, scripted), in order
 * GET  /sandbox/portal/stats?maHoSo=&view=dossier (admin) the dossier as the portal last took it (DongBoHoSoMC data)
 * PUT  /sandbox/faults/portal/online-dossiers?count=N[&malformed=true]  (admin) citizens submit N dossiers online
 * GET  /sandbox/portal/stats[?maHoSo=]            (admin) counters, or what one dossier received, in order
 * PUT  /sandbox/faults/portal?mode=DOWN|SLOW|DROP|HOSTILE  (admin) fault modes; DROP loses the request unanswered;
 *        HOSTILE lists an online dossier carrying a DOCTYPE with an external entity
 * PUT  /sandbox/faults/portal/expire-sessions      (admin) every session expires now
 * </pre>
 * error_code: "0" success, "1" session invalid or expired, "2" invalid data (the message names the field),
 * "3" unknown service, "4" no such dossier, "-3" the dossier already exists ("Hồ sơ ... đã tồn tại": DongBoHoSoMC
 * with isUpdating false for a dossier the portal has; public clients then send it again with isUpdating true).
 * As on the real portal, NgayHenTra may be empty (procedures without a due date), and isUpdating may be a boolean or
 * the text "True"/"False". Sessions live {@code gateway.sandbox.portal.session-ttl-seconds}.
 */
@RestController
@RequestMapping("/sandbox")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class NationalPortalSimulator {

    public static final String SYSTEM = "portal";
    private static final Pattern DOSSIER_CODE = Pattern.compile("[0-9A-Z]{2,3}(\\.[0-9A-Z]{2,3}){3}-[0-9]{6}-[0-9]{4,6}");
    private static final Pattern PORTAL_TIME = Pattern.compile("\\d{14}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request the portal accepted. */
    public record Receipt(long seq, String service, String maHoSo, String status, String content, String receivedAt) {
    }

    private final SandboxFaults faults;
    private final String username;
    private final String password;
    private final long sessionTtlSeconds;
    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<Receipt>> received = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> dossiers = new ConcurrentHashMap<>();
    /** Scripted answers per dossier code, taken one per call. */
    private final Map<String, java.util.Deque<JsonNode>> scripts = new ConcurrentHashMap<>();
    /** Every call per dossier code: service, isUpdating and the answer's error_code (or HTTP status). */
    private final Map<String, List<Map<String, Object>>> calls = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> online = new ArrayList<>();
    /** The sandbox population's fixed citizens (README) submit the online dossiers. */
    private static final String[][] ONLINE_OWNERS = {
            {"001203012345", "Nguyễn Văn An"}, {"001165004321", "Trần Thị Bích"},
            {"031190001111", "Phạm Thị Lan"}, {"079190002222", "Phạm Thị Lan"}};
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();

    NationalPortalSimulator(SandboxFaults faults,
                            @Value("${gateway.sandbox.portal.username:lienthong-sandbox}") String username,
                            @Value("${gateway.sandbox.portal.password:sandbox-portal-secret}") String password,
                            @Value("${gateway.sandbox.portal.session-ttl-seconds:1800}") long sessionTtlSeconds) {
        this.faults = faults;
        this.username = username;
        this.password = password;
        this.sessionTtlSeconds = sessionTtlSeconds;
    }

    @GetMapping("/portal/health")
    ResponseEntity<String> health() {
        return faults.of(SYSTEM).mode() == SandboxFaults.Mode.DOWN ? ResponseEntity.status(503).body("DOWN") : ResponseEntity.ok("UP");
    }

    @PostMapping(value = "/portal/login", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> login(@RequestBody(required = false) byte[] body) {
        if (faults.apply(SYSTEM)) {
            return ResponseEntity.status(503).build();
        }
        JsonNode request = parse(body);
        if (request == null || !username.equals(request.path("username").asText()) || !password.equals(request.path("password").asText())) {
            return ResponseEntity.ok(answer("1", "Sai tên đăng nhập hoặc mật khẩu (wrong username or password)"));
        }
        String session = UUID.randomUUID().toString();
        sessions.put(session, Instant.now().plusSeconds(sessionTtlSeconds));
        logins.incrementAndGet();
        Map<String, Object> answer = answer("0", "Đăng nhập thành công");
        answer.put("session", session);
        return ResponseEntity.ok(answer);
    }

    @PostMapping(value = "/portal/service", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> service(@RequestBody(required = false) byte[] body) throws InterruptedException {
        requests.incrementAndGet();
        SandboxFaults.Fault fault = faults.of(SYSTEM);
        if (fault.mode() == SandboxFaults.Mode.DROP) {
            dropped.incrementAndGet();
            Thread.sleep(Math.max(fault.delayMillis(), 1));
            return ResponseEntity.status(504).build();
        }
        if (faults.apply(SYSTEM)) {
            return ResponseEntity.status(503).build();
        }
        JsonNode request = parse(body);
        if (request == null) {
            return refuse("2", "Yêu cầu không phải JSON (the request is not JSON)");
        }
        Instant expiry = sessions.get(request.path("session").asText(""));
        if (expiry == null || Instant.now().isAfter(expiry)) {
            return refuse("1", "Phiên làm việc không hợp lệ hoặc đã hết hạn (session invalid or expired)");
        }
        if (request.path("madonvi").asText("").isBlank()) {
            return refuse("2", "Thiếu madonvi");
        }
        String service = request.path("service").asText("");
        String code = dossierCodeOf(request);
        ResponseEntity<Map<String, Object>> answer = scripted(code, service, request);
        if (answer == null) {
            answer = serve(service, request);
        }
        noteCall(code, service, request, answer);
        return answer;
    }

    private ResponseEntity<Map<String, Object>> serve(String service, JsonNode request) {
        return switch (service) {
            case "DongBoHoSoMC" -> dossier(request);
            case "CapNhatTienDoHoSoMC" -> progress(request);
            case "TraCuuHoSo" -> lookUp(request);
            case "LayDanhSachHoSoTrucTuyen" -> onlineDossiers(request);
            default -> refuse("3", "Dịch vụ không tồn tại: " + service);
        };
    }

    /** The dossier a call is about: data[0].MaHoSo, or the look-up's mahoso / MaHoSo. */
    private static String dossierCodeOf(JsonNode request) {
        String code = request.path("data").path(0).path("MaHoSo").asText("");
        if (code.isEmpty()) {
            code = request.path("mahoso").asText(request.path("MaHoSo").asText(""));
        }
        return code;
    }

    /** The next scripted answer for this dossier, if any; a scripted success is processed as usual, answered with its code. */
    private ResponseEntity<Map<String, Object>> scripted(String code, String service, JsonNode request) {
        java.util.Deque<JsonNode> script = scripts.get(code);
        JsonNode next = script == null ? null : script.pollFirst();
        if (next == null) {
            return null;
        }
        if (next.has("http")) {
            refused.incrementAndGet();
            return ResponseEntity.status(next.path("http").asInt(503)).build();
        }
        String errorCode = next.path("error_code").asText("0");
        String message = next.path("message").asText("Thành công");
        if (errorCode.matches("-?[0-9]+") && Integer.parseInt(errorCode) == 0) {
            ResponseEntity<Map<String, Object>> real = serve(service, request);
            if (real.getBody() != null && "0".equals(real.getBody().get("error_code"))) {
                return ResponseEntity.ok(answer(errorCode, message));
            }
            return real;
        }
        return refuse(errorCode, message);
    }

    private void noteCall(String code, String service, JsonNode request, ResponseEntity<Map<String, Object>> answer) {
        if (code.isEmpty()) {
            return;
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("service", service);
        call.put("isUpdating", request.has("isUpdating") ? request.get("isUpdating").asText() : null);
        call.put("answer", answer.getBody() == null ? "HTTP " + answer.getStatusCode().value() : answer.getBody().get("error_code"));
        List<Map<String, Object>> list = calls.computeIfAbsent(code, k -> new ArrayList<>());
        synchronized (list) {
            list.add(call);
        }
    }

    /** The next calls about one dossier get these answers (a JSON array), in order, before it is served as usual again. */
    @PutMapping(value = "/faults/portal/script", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> script(@RequestParam String maHoSo, @RequestBody byte[] body) throws java.io.IOException {
        JsonNode answers = JSON.readTree(body);
        if (!answers.isArray()) {
            throw new IllegalArgumentException("A script is a JSON array of answers");
        }
        java.util.Deque<JsonNode> script = new java.util.concurrent.ConcurrentLinkedDeque<>();
        answers.forEach(script::add);
        scripts.put(maHoSo, script);
        return Map.of("scripted", script.size());
    }

    private ResponseEntity<Map<String, Object>> dossier(JsonNode request) {
        JsonNode data = request.path("data");
        if (!data.isArray() || data.isEmpty()) {
            return refuse("2", "Thiếu data");
        }
        for (JsonNode d : data) {
            String problem = dossierProblem(d);
            if (problem != null) {
                return refuse("2", problem);
            }
        }
        if (!updating(request.path("isUpdating"))) {
            for (JsonNode d : data) {
                if (dossiers.containsKey(d.path("MaHoSo").asText())) {
                    return refuse("-3", "Hồ sơ " + d.path("MaHoSo").asText() + " đã tồn tại trên hệ thống");
                }
            }
        }
        for (JsonNode d : data) {
            dossiers.put(d.path("MaHoSo").asText(), d);
            record("DongBoHoSoMC", d.path("MaHoSo").asText(), d.path("TrangThaiHoSo").asText(), d.path("TrichYeuHoSo").asText());
        }
        return ok();
    }

    private static String dossierProblem(JsonNode d) {
        if (!DOSSIER_CODE.matcher(d.path("MaHoSo").asText("")).matches()) {
            return "MaHoSo không hợp lệ";
        }
        if (!validStatus(d.path("TrangThaiHoSo").asText(""))) {
            return "TrangThaiHoSo không hợp lệ";
        }
        for (String field : List.of("MaTTHC", "ChuHoSo", "LoaiDoiTuong", "NgayTiepNhan")) {
            if (d.path(field).asText("").isBlank()) {
                return "Thiếu " + field;
            }
        }
        String received = d.path("NgayTiepNhan").asText();
        // empty for procedures without a due date, as public clients send it
        String due = d.path("NgayHenTra").asText("");
        if (!PORTAL_TIME.matcher(received).matches() || !(due.isEmpty() || PORTAL_TIME.matcher(due).matches())) {
            return "Ngày không đúng định dạng yyyyMMddHHmmss";
        }
        if (d.path("TrichYeuHoSo").asText("").length() > 1000) {
            return "TrichYeuHoSo vượt quá 1000 ký tự";
        }
        if (!due.isEmpty() && due.compareTo(received) < 0) {
            return "NgayHenTra trước NgayTiepNhan (the due date is before the reception date)";
        }
        return null;
    }

    private ResponseEntity<Map<String, Object>> progress(JsonNode request) {
        JsonNode data = request.path("data");
        if (!data.isArray() || data.isEmpty()) {
            return refuse("2", "Thiếu data");
        }
        for (JsonNode p : data) {
            if (!DOSSIER_CODE.matcher(p.path("MaHoSo").asText("")).matches()) {
                return refuse("2", "MaHoSo không hợp lệ");
            }
            if (!validStatus(p.path("TrangThai").asText(""))) {
                return refuse("2", "TrangThai không hợp lệ");
            }
            if (!PORTAL_TIME.matcher(p.path("ThoiDiemXuLy").asText("")).matches()) {
                return refuse("2", "ThoiDiemXuLy không đúng định dạng yyyyMMddHHmmss");
            }
            if (p.path("NguoiXuLy").asText("").length() > 50) {
                return refuse("2", "NguoiXuLy vượt quá 50 ký tự");
            }
        }
        for (JsonNode p : data) {
            record("CapNhatTienDoHoSoMC", p.path("MaHoSo").asText(), p.path("TrangThai").asText(), p.path("NoiDungXuLy").asText());
        }
        return ok();
    }

    private ResponseEntity<Map<String, Object>> lookUp(JsonNode request) {
        JsonNode dossier = dossiers.get(request.path("mahoso").asText(request.path("MaHoSo").asText("")));
        if (dossier == null) {
            return refuse("4", "Không tìm thấy hồ sơ");
        }
        Map<String, Object> answer = answer("0", "Thành công");
        answer.put("data", dossier);
        accepted.incrementAndGet();
        return ResponseEntity.ok(answer);
    }

    /**
     * Online dossiers of the agency with a sequence number above TuSo, at most 100, oldest first. With the fault
     * HOSTILE the list also carries a dossier whose summary holds a DOCTYPE with an external entity (a spoofed or
     * compromised portal); nobody may keep it, resolve it, or anything else of that answer.
     */
    private ResponseEntity<Map<String, Object>> onlineDossiers(JsonNode request) {
        long after = request.path("TuSo").asLong(0);
        List<Map<String, Object>> data;
        synchronized (online) {
            data = new ArrayList<>(online.stream().filter(d -> ((Number) d.get("SoThuTu")).longValue() > after).limit(100).toList());
        }
        SandboxFaults.Fault fault = faults.of(SYSTEM);
        if (fault.mode() == SandboxFaults.Mode.HOSTILE) {
            Map<String, Object> hostile = onlineDossier(after + data.size() + 1000, "000.00.00.H41-261123-999999", true);
            hostile.put("TrichYeuHoSo", "<!DOCTYPE hs [<!ENTITY x SYSTEM \"" + fault.hostileUrl() + "\">]><hs>&x;</hs>");
            data.add(hostile);
        }
        Map<String, Object> answer = answer("0", "Thành công");
        answer.put("data", data);
        return ResponseEntity.ok(answer);
    }

    /**
     * Citizens submit {@code count} dossiers online (synthetic, numbered, in the shape of FORMATS.md), to be fetched
     * by the gateway; {@code malformed=true} makes them dossiers with an invalid code (the gateway must refuse them).
     */
    @PutMapping("/faults/portal/online-dossiers")
    Map<String, Object> submitOnline(@RequestParam(defaultValue = "1") int count, @RequestParam(defaultValue = "false") boolean malformed) {
        List<String> codes = new ArrayList<>();
        synchronized (online) {
            for (int i = 0; i < Math.min(count, 1000); i++) {
                long seq = online.size() + 1;
                Map<String, Object> d = onlineDossier(seq, malformed ? "HS-" + seq : String.format("000.00.00.H41-261123-9%05d", seq), seq % 2 == 1);
                online.add(d);
                codes.add((String) d.get("MaHoSo"));
            }
        }
        return Map.of("submitted", codes);
    }

    /** One online dossier as the portal lists it: newly registered (TrangThaiHoSo 1) by one of the sandbox's fixed citizens. */
    private static Map<String, Object> onlineDossier(long seq, String code, boolean building) {
        String[] owner = ONLINE_OWNERS[(int) (seq % ONLINE_OWNERS.length)];
        String now = LocalDateTime.now(ZoneOffset.ofHours(7)).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("SoThuTu", seq);
        d.put("MaHoSo", code);
        d.put("MaTTHC", building ? "1.001757.000.00.00.H41" : "1.004964.000.00.00.H41");
        d.put("TenTTHC", building ? "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
                : "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất");
        d.put("MaLinhVuc", building ? "G09-XD" : "G09-DD");
        d.put("TenLinhVuc", building ? "Hoạt động xây dựng" : "Đất đai");
        d.put("KenhThucHien", "2");
        d.put("ChuHoSo", owner[1]);
        d.put("LoaiDoiTuong", "1");
        d.put("MaDoiTuong", owner[0]);
        d.put("SoGiayToChuHoSo", owner[0]);
        d.put("TrichYeuHoSo", "Hồ sơ nộp trực tuyến số " + seq + ": " + d.get("TenTTHC"));
        d.put("NgayTiepNhan", now);
        d.put("TrangThaiHoSo", "1");
        d.put("DonViXuLy", "000.00.00.H41");
        d.put("HoSoCoThanhPhanSoHoa", "1");
        d.put("DinhDanhCHS", List.of(Map.of("LoaiDinhDanh", "1", "SoDinhDanh", owner[0])));
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("TenTepDinhKem", building ? "don-de-nghi-cap-giay-phep-xay-dung.pdf" : "don-dang-ky-bien-dong-dat-dai.pdf");
        form.put("MaThanhPhanHoSo", building ? "DDNGPXD" : "DDKBD");
        form.put("DuocSoHoa", "1");
        form.put("DuocTaiSuDung", "0");
        form.put("DuocLayTuKhoDMQG", "0");
        form.put("MaKetQuaThayThe", "");
        d.put("TaiLieuNop", List.of(form));
        return d;
    }

    /** isUpdating as clients send it: true / "True" / "true" / 1 / "1". */
    private static boolean updating(JsonNode isUpdating) {
        String text = isUpdating.asText("").strip();
        return isUpdating.asBoolean(false) || text.equalsIgnoreCase("true") || text.equals("1");
    }

    private static boolean validStatus(String status) {
        return status.matches("[1-9]|10");
    }

    private void record(String service, String maHoSo, String status, String content) {
        List<Receipt> list = received.computeIfAbsent(maHoSo, k -> new ArrayList<>());
        synchronized (list) {
            list.add(new Receipt(list.size() + 1, service, maHoSo, status, content, Instant.now().toString()));
        }
        accepted.incrementAndGet();
    }

    /** Counters, or (with maHoSo) the requests one dossier received, in the order they arrived. */
    @GetMapping(value = "/portal/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    Object stats(@RequestParam(required = false) String maHoSo, @RequestParam(required = false) String view) {
        if (maHoSo != null && "calls".equals(view)) {
            // every call about the dossier: what the gateway really sent, refusals and HTTP errors included
            List<Map<String, Object>> list = calls.getOrDefault(maHoSo, List.of());
            synchronized (list) {
                return List.copyOf(list);
            }
        }
        if (maHoSo != null && "dossier".equals(view)) {
            // the dossier as the portal last took it (DongBoHoSoMC), or an empty object
            return dossiers.getOrDefault(maHoSo, JSON.createObjectNode());
        }
        if (maHoSo != null) {
            List<Receipt> list = received.getOrDefault(maHoSo, List.of());
            synchronized (list) {
                return List.copyOf(list);
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", requests.get());
        stats.put("accepted", accepted.get());
        stats.put("refused", refused.get());
        stats.put("dropped", dropped.get());
        stats.put("logins", logins.get());
        stats.put("dossiers", received.size());
        return stats;
    }

    @PutMapping("/faults/portal/expire-sessions")
    Map<String, Object> expireSessions() {
        int n = sessions.size();
        sessions.clear();
        return Map.of("expired", n);
    }

    private ResponseEntity<Map<String, Object>> ok() {
        return ResponseEntity.ok(answer("0", "Thành công"));
    }

    private ResponseEntity<Map<String, Object>> refuse(String code, String message) {
        refused.incrementAndGet();
        return ResponseEntity.ok(answer(code, message));
    }

    private static Map<String, Object> answer(String code, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error_code", code);
        answer.put("message", message);
        return answer;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = body == null ? null : JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
