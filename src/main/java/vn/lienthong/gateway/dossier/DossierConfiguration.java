package vn.lienthong.gateway.dossier;

import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Dossier synchronisation's settings: the integrator's status table
 * ({@code gateway.dossier.status-table}, default {@code mappings/dossier-status-codes.yaml}) and the
 * schema-bound reader. The delivery's own knobs (consumers, attempts, back-off) are read by
 * routes/dossier-sync.camel.yaml as placeholders.
 */
@Configuration(proxyBeanMethods = false)
public class DossierConfiguration {

    @Bean
    StatusCodeTable dossierStatusTable(Environment env) {
        return StatusCodeTable.load(Path.of(env.getProperty("gateway.dossier.status-table", "mappings/dossier-status-codes.yaml")));
    }

    @Bean
    DossierEventReader dossierEventReader() {
        return new DossierEventReader();
    }
}
