package vn.lienthong.gateway.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault modes of the simulators, per system, so that outages can be shown and tested:
 * {@code DOWN} answers 503 to everything, {@code SLOW} waits before answering, {@code HOSTILE}
 * answers with XML carrying a DOCTYPE and an external entity (a compromised or spoofed upstream),
 * {@code DROP} loses the request: not processed, no answer before {@code delayMillis} (a lossy network),
 * {@code TRUNCATED} answers 200 with a document cut off in the middle (a connection or a proxy that cut it; the
 * population registry's simulator).
 */
public class SandboxFaults {

    public enum Mode { NONE, DOWN, SLOW, HOSTILE, DROP, TRUNCATED }

    /** A system's current fault. */
    public record Fault(Mode mode, long delayMillis, String hostileUrl) {
        static final Fault NONE = new Fault(Mode.NONE, 0, null);
    }

    private final Map<String, Fault> faults = new ConcurrentHashMap<>();

    public void set(String system, Mode mode, long delayMillis) {
        set(system, mode, delayMillis, null);
    }

    /** {@code hostileUrl}: where the HOSTILE answer's external entity points (to prove nobody fetches it). */
    public void set(String system, Mode mode, long delayMillis, String hostileUrl) {
        faults.put(system, new Fault(mode, Math.max(0, Math.min(delayMillis, 120_000)),
                hostileUrl == null ? "http://127.0.0.1:9/oob" : hostileUrl));
    }

    public void clear(String system) {
        faults.remove(system);
    }

    public Fault of(String system) {
        return faults.getOrDefault(system, Fault.NONE);
    }

    public Map<String, Fault> all() {
        return new TreeMap<>(faults);
    }

    /** Applies the system's fault: sleeps when slow; returns true when the call must fail with 503. */
    public boolean apply(String system) {
        Fault fault = of(system);
        if (fault.mode() == Mode.SLOW && fault.delayMillis() > 0) {
            try {
                Thread.sleep(fault.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return fault.mode() == Mode.DOWN;
    }
}
