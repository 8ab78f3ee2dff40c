package vn.lienthong.gateway.edata;

import java.util.Optional;
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
 *
 * <p>It is DOWN too while content files cannot be written (each call really writes and deletes a
 * small file in the content folder's staging folder): a content folder owned by another user, full
 * or read-only, where every deposit would fail with 500 while the rest looks well.
 */
@Component
public class EdataHealthIndicator implements HealthIndicator {

    private final EdataStore store;

    public EdataHealthIndicator(EdataStore store) {
        this.store = store;
    }

    @Override
    public Health health() {
        Optional<String> writeProblem = store.contentWriteProblem();
        if (writeProblem.isPresent()) {
            return Health.down().withDetail("reason", writeProblem.get()).build();
        }
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
