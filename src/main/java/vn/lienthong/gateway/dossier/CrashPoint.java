package vn.lienthong.gateway.dossier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A test hook for crash tests (DossierOutcomeCrashIT): with {@code gateway.test.crash-point=NAME} the process halts
 * ({@link Runtime#halt}: no shutdown hook, nothing flushed, as SIGKILL) the first time it reaches the point of that
 * name, so a test kills the gateway exactly between two steps instead of by timing luck. Unset (always, outside such
 * a test) {@link #reach} is a comparison with null. The points: {@code intake-received} (the event's row and its
 * ACCEPTED outcome committed, not yet on the queue), {@code intake-enqueued} (on the queue, row not yet QUEUED),
 * {@code delivery-delivered} (DELIVERED and its outcome committed, the queue's message not yet acknowledged),
 * {@code outcome-relayed} (an outcome on dossier.outcomes, its outbox row not yet deleted), {@code outcome-published}
 * (an outcome on the Kafka topic, its dossier.outcomes message not yet acknowledged).
 */
@Component("crashPoint")
public class CrashPoint {

    private static final Logger LOG = LoggerFactory.getLogger(CrashPoint.class);
    private static volatile String armed;

    public CrashPoint(@Value("${gateway.test.crash-point:}") String point) {
        armed = point == null || point.isBlank() ? null : point.strip();
        if (armed != null) {
            LOG.warn("Crash point '{}' armed: this process halts when it reaches it (a test setting, never for production)", armed);
        }
    }

    /** Halts the process here if this is the armed point. */
    public static void reach(String point) {
        if (point.equals(armed)) {
            System.err.println("Crash point '" + point + "' reached: halting");
            Runtime.getRuntime().halt(137);
        }
    }

    /** The same, as a route step: {@code bean: {ref: crashPoint, method: "at('name')"}}. */
    public void at(String point) {
        reach(point);
    }
}
