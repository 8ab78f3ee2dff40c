package vn.lienthong.gateway.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The failed attempts at each batch folder still in an inbox, so that one batch the gateway cannot
 * finish never holds the others back and never retries for ever.
 *
 * <p>As the connector's file filter ({@code filter: "#intakeAttempts"} in
 * connectors/*-digitization-source.kamelet.yaml) it hides a folder from the listing for
 * {@code gateway.intake.retry-delay} after each failed attempt: the poll takes the next folder
 * instead (the connector polls again at once after a batch, {@code greedy}). {@link BatchIntake}
 * gives a batch up — receipt, {@code error/} — after {@code gateway.intake.max-attempts} failed
 * attempts or once {@code gateway.intake.give-up-after} has passed since its first failure.
 * Kept in memory: a restart gives every batch its attempts again.
 */
@Component("intakeAttempts")
public class IntakeAttempts implements GenericFileFilter<Object> {

    /** Failures so far at one folder. */
    record Failures(int count, Instant first, Instant last) {
    }

    private final Map<String, Failures> byFolder = new ConcurrentHashMap<>();
    private final Duration retryDelay;
    private final int maxAttempts;
    private final Duration giveUpAfter;
    private final Clock clock = Clock.systemUTC();

    public IntakeAttempts(@Value("${gateway.intake.retry-delay:30s}") Duration retryDelay,
                          @Value("${gateway.intake.max-attempts:5}") int maxAttempts,
                          @Value("${gateway.intake.give-up-after:1h}") Duration giveUpAfter) {
        this.retryDelay = retryDelay;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.giveUpAfter = giveUpAfter;
    }

    /** Camel's listing filter: directories always (the walk must enter them), a folder's manifest.xml unless the folder waits for its retry. */
    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return true;
        }
        String relative = file.getRelativeFilePath();
        int slash = relative == null ? -1 : relative.replace('\\', '/').lastIndexOf('/');
        if (slash < 0) {
            return true;
        }
        return ready(relative.substring(0, slash));
    }

    /** False while the folder waits for its next attempt after a failure. */
    boolean ready(String folder) {
        Failures f = byFolder.get(folder);
        return f == null || !clock.instant().isBefore(f.last().plus(retryDelay));
    }

    /** Would one more failure at this folder be its last allowed attempt? (Then items that cannot be read are refused one by one.) */
    boolean lastAttempt(String folder) {
        Failures f = byFolder.get(folder);
        return f != null && (f.count() + 1 >= maxAttempts || !clock.instant().isBefore(f.first().plus(giveUpAfter)));
    }

    /** Records a failed attempt; returns the failures so far and whether the batch must now be given up. */
    Failures failed(String folder) {
        Instant now = clock.instant();
        return byFolder.compute(folder, (k, f) -> f == null ? new Failures(1, now, now) : new Failures(f.count() + 1, f.first(), now));
    }

    boolean exhausted(Failures f) {
        return f.count() >= maxAttempts || !clock.instant().isBefore(f.first().plus(giveUpAfter));
    }

    /** The folder left the inbox (done/ or error/): forget it. */
    void finished(String folder) {
        byFolder.remove(folder);
    }

    int maxAttempts() {
        return maxAttempts;
    }
}
