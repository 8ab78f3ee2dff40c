package vn.lienthong.gateway.edata;

import java.util.Set;
import java.util.UUID;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code edata} in the health endpoint: DOWN, naming the documents, as soon as a read found a
 * stored document tampered with or missing since start. Stored documents are evidence: one that
 * no longer verifies is an incident for an administrator, not just a refused request. It turns UP
 * again when those documents verify again (restored from a backup) or at restart; the
 * {@code edata_event} table keeps every TAMPERED finding in any case.
 */
@Component
public class EdataHealthIndicator implements HealthIndicator {

    private final EdataStore store;

    public EdataHealthIndicator(EdataStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        Set<UUID> tampered = store.tamperedDocuments();
        if (tampered.isEmpty()) {
            return Health.up().build();
        }
        return Health.down()
                .withDetail("reason", "stored documents failed their integrity check on read")
                .withDetail("tamperedDocuments", tampered.stream().map(UUID::toString).sorted().toList())
                .build();
    }
}
