package vn.lienthong.gateway.connector;

import java.time.Duration;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The health of an SFTP source connector (a digitization partner's server): a real probe
 * ({@link SftpProbe}: connect, host-key check, login, list the inbox), DOWN with the reason
 * (HOST_KEY_CHANGED, HOST_KEY_UNKNOWN, AUTH_REFUSED, UNREACHABLE, ...) when it fails. A result is
 * kept for {@code cacheFor} so that frequent health calls do not each open an SSH session.
 */
public class SftpHealthIndicator implements HealthIndicator {

    private final String title;
    private final SftpProbe.Settings settings;
    private final boolean enabled;
    private final long cacheNanos;
    private volatile Health last;
    private volatile long lastAt;

    public SftpHealthIndicator(String title, SftpProbe.Settings settings, boolean enabled, Duration cacheFor) {
        this.title = title;
        this.settings = settings;
        this.enabled = enabled;
        this.cacheNanos = cacheFor.toNanos();
    }

    @Override
    public Health health() {
        if (!enabled) {
            return Health.unknown().withDetail("connector", title).withDetail("server", settings.server())
                    .withDetail("reason", "the connector is disabled (enabled=false): its server is not polled").build();
        }
        Health cached = last;
        if (cached != null && System.nanoTime() - lastAt < cacheNanos) {
            return cached;
        }
        SftpProbe.Result result = SftpProbe.probe(settings);
        Health.Builder health = result.ok() ? Health.up() : Health.down();
        health.withDetail("connector", title).withDetail("server", settings.server()).withDetail("directory", settings.directory())
                .withDetail("latencyMs", result.millis());
        if (result.ok()) {
            health.withDetail("entries", result.entries());
        } else {
            health.withDetail("reason", result.failure().name()).withDetail("message", result.failure().sentence())
                    .withDetail("error", result.detail());
        }
        Health built = health.build();
        last = built;
        lastAt = System.nanoTime();
        return built;
    }
}
