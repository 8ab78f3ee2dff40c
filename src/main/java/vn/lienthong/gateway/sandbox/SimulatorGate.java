package vn.lienthong.gateway.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * What every JSON registry simulator does before answering: count the request, apply the
 * system's fault switch (DOWN answers 503, SLOW waits, HOSTILE answers a body that is not JSON),
 * and demand the data-sharing platform's credentials (bearer token or custom header).
 */
public class SimulatorGate {

    private final SandboxTokens tokens;
    private final SandboxFaults faults;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();

    SimulatorGate(SandboxTokens tokens, SandboxFaults faults) {
        this.tokens = tokens;
        this.faults = faults;
    }

    /** Null when the call may be answered; otherwise the refusal to send. */
    ResponseEntity<Object> admit(String system, String authorization, String customHeader) {
        requests.computeIfAbsent(system, k -> new AtomicLong()).incrementAndGet();
        if (faults.apply(system)) {
            return ResponseEntity.status(503).contentType(MediaType.TEXT_PLAIN).body("Service Unavailable");
        }
        if (faults.of(system).mode() == SandboxFaults.Mode.HOSTILE) {
            return ResponseEntity.status(200).contentType(MediaType.APPLICATION_JSON)
                    .body("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + faults.of(system).hostileUrl() + "\">]><r>&x;</r>");
        }
        if (!tokens.accepts(authorization, customHeader)) {
            return ResponseEntity.status(401).body(Map.of("errorCode", "401", "message", "Thiếu hoặc sai thông tin xác thực"));
        }
        return null;
    }

    ResponseEntity<String> health(String system) {
        return faults.of(system).mode() == SandboxFaults.Mode.DOWN ? ResponseEntity.status(503).body("DOWN") : ResponseEntity.ok("UP");
    }

    /** Requests a system's simulator received since start. */
    public long requestCount(String system) {
        AtomicLong count = requests.get(system);
        return count == null ? 0 : count.get();
    }

    static ResponseEntity<Object> notFound(String message) {
        return ResponseEntity.status(404).body(Map.of("errorCode", "404", "message", message));
    }

    static ResponseEntity<Object> badRequest(String message) {
        return ResponseEntity.status(400).body(Map.of("errorCode", "400", "message", message));
    }
}
