package vn.lienthong.gateway.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Simulates the province's one-stop system (iGate) receiving online dossiers from the gateway:
 * {@code POST /sandbox/igate/dossiers} with the gateway's key in {@code X-API-Key}; counts how often
 * each dossier arrived ({@code GET /sandbox/igate/stats}, admin). Fault switches: system {@code igate}
 * ({@code PUT /sandbox/faults/igate?mode=DOWN|SLOW}), and {@code PUT /sandbox/faults/igate/refuse?maHoSo=...[&refuse=false]}
 * makes iGate refuse one dossier (422, as it would a dossier its procedure catalogue does not know).
 */
@RestController
@RequestMapping("/sandbox")
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
public class IgateSimulator {

    public static final String SYSTEM = "igate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SandboxFaults faults;
    private final String apiKey;
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();

    IgateSimulator(SandboxFaults faults, @Value("${gateway.sandbox.igate.api-key:sandbox-igate-inbound-key}") String apiKey) {
        this.faults = faults;
        this.apiKey = apiKey;
    }

    @GetMapping("/igate/health")
    ResponseEntity<String> health() {
        return faults.of(SYSTEM).mode() == SandboxFaults.Mode.DOWN ? ResponseEntity.status(503).body("DOWN") : ResponseEntity.ok("UP");
    }

    @PostMapping(value = "/igate/dossiers", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(@RequestHeader(value = "X-API-Key", required = false) String key,
                                                @RequestBody(required = false) byte[] body) {
        requests.incrementAndGet();
        if (faults.apply(SYSTEM)) {
            return ResponseEntity.status(503).build();
        }
        if (!apiKey.equals(key)) {
            return ResponseEntity.status(401).body(Map.of("error", "invalid key"));
        }
        String code;
        try {
            JsonNode dossier = JSON.readTree(body);
            code = dossier.path("MaHoSo").asText("");
        } catch (java.io.IOException | RuntimeException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "not JSON"));
        }
        if (code.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "MaHoSo missing"));
        }
        if (refusing.contains(code)) {
            refused.incrementAndGet();
            return ResponseEntity.unprocessableEntity().body(Map.of("error", "Thủ tục không có trong danh mục của tỉnh (unknown procedure)"));
        }
        received.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
        return ResponseEntity.ok(Map.of("status", "received", "MaHoSo", code));
    }

    @PutMapping(value = "/faults/igate/refuse", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> refuse(@RequestParam String maHoSo, @RequestParam(defaultValue = "true") boolean refuse) {
        if (refuse) {
            refusing.add(maHoSo);
        } else {
            refusing.remove(maHoSo);
        }
        return Map.of("refusing", new TreeSet<>(refusing));
    }

    @GetMapping(value = "/igate/stats", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> stats() {
        Map<String, Long> dossiers = new TreeMap<>();
        received.forEach((k, v) -> dossiers.put(k, v.get()));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("requests", requests.get());
        stats.put("refused", refused.get());
        stats.put("dossiers", dossiers);
        return stats;
    }
}
