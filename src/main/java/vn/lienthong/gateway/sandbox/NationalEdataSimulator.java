package vn.lienthong.gateway.sandbox;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.lienthong.gateway.crypto.Hashes;

/**
 * Simulates the owners' national e-data store (Kho dữ liệu điện tử trên Cổng DVC quốc gia) receiving
 * results: {@code POST /sandbox/national-edata/deposit} with a platform credential (as the population
 * registry), checks the file's SHA-256, answers {@code {errorCode, message, result: {DuongDan}}}.
 * A document is one owner + MaKetQua + SoKyHieu + content: a repeat is answered with the same path and
 * not stored twice. {@code GET /sandbox/national-edata/stats[?owner=]} (admin) counts what arrived.
 * Fault switches: system {@code national-edata}.
 */
@RestController
@RequestMapping("/sandbox/national-edata")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class NationalEdataSimulator {

    public static final String SYSTEM = "national-edata";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One document in an owner's store. */
    public record Held(String path, String typeCode, String number, String sha256, String dossierCode) {
    }

    private final SandboxTokens tokens;
    private final SandboxFaults faults;
    private final Map<String, List<Held>> byOwner = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong repeats = new AtomicLong();

    NationalEdataSimulator(SandboxTokens tokens, SandboxFaults faults) {
        this.tokens = tokens;
        this.faults = faults;
    }

    @GetMapping("/health")
    ResponseEntity<String> health() {
        return faults.of(SYSTEM).mode() == SandboxFaults.Mode.DOWN ? ResponseEntity.status(503).body("DOWN") : ResponseEntity.ok("UP");
    }

    @PostMapping(value = "/deposit", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> deposit(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                @RequestHeader(value = "lgspaccesstoken", required = false) String customHeader,
                                                @RequestBody(required = false) byte[] body) {
        requests.incrementAndGet();
        if (faults.apply(SYSTEM)) {
            return ResponseEntity.status(503).build();
        }
        if (!tokens.accepts(authorization, customHeader)) {
            return ResponseEntity.status(401).body(answer(401, "Thiếu hoặc sai thông tin xác thực"));
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return ResponseEntity.ok(answer(2, "Yêu cầu không phải JSON"));
        }
        String owner = request.path("SoDinhDanhChuSoHuu").asText("");
        String type = request.path("MaKetQua").asText("");
        String number = request.path("SoKyHieu").asText("");
        if (!owner.matches("\\d{10,12}(-\\d{3})?") || type.isBlank() || number.isBlank()) {
            return ResponseEntity.ok(answer(2, "Thiếu hoặc sai SoDinhDanhChuSoHuu, MaKetQua, SoKyHieu"));
        }
        byte[] content;
        try {
            content = Base64.getDecoder().decode(request.path("TepDinhKem").path("NoiDung").asText(""));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.ok(answer(2, "NoiDung không phải base64"));
        }
        String sha = Hashes.sha256Hex(content);
        if (content.length == 0 || !sha.equals(request.path("TepDinhKem").path("SHA256").asText())) {
            return ResponseEntity.ok(answer(3, "Tệp đính kèm không khớp SHA256 (the file does not match its hash)"));
        }
        List<Held> held = byOwner.computeIfAbsent(owner, k -> new ArrayList<>());
        String path;
        synchronized (held) {
            Held same = held.stream().filter(h -> h.typeCode().equals(type) && h.number().equals(number) && h.sha256().equals(sha))
                    .findFirst().orElse(null);
            if (same != null) {
                repeats.incrementAndGet();
                path = same.path();
            } else {
                path = "/khodulieu/" + owner + "/" + type + "/" + sha.substring(0, 16) + ".pdf";
                held.add(new Held(path, type, number, sha, request.path("MaHoSo").asText(null)));
            }
        }
        Map<String, Object> answer = answer(0, "Thành công");
        answer.put("result", Map.of("DuongDan", path));
        return ResponseEntity.ok(answer);
    }

    /** Counters, or one owner's documents. */
    @GetMapping(value = "/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    Object stats(@RequestParam(required = false) String owner) {
        if (owner != null) {
            List<Held> held = byOwner.getOrDefault(owner, List.of());
            synchronized (held) {
                return List.copyOf(held);
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", requests.get());
        stats.put("repeats", repeats.get());
        stats.put("documents", byOwner.values().stream().mapToInt(List::size).sum());
        return stats;
    }

    private static Map<String, Object> answer(int code, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("errorCode", code);
        answer.put("message", message);
        return answer;
    }
}
