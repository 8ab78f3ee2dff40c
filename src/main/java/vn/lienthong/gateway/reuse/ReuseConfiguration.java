package vn.lienthong.gateway.reuse;

import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.registry.RegistryClient;

/** The reuse check: its procedure catalogue (gateway.reuse.procedures-file) and its registry time budget (gateway.reuse.registry-budget). */
@Configuration(proxyBeanMethods = false)
public class ReuseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReuseConfiguration.class);

    @Bean
    ProcedureCatalogue procedureCatalogue(@Value("${gateway.reuse.procedures-file:mappings/procedures.yaml}") String file,
                                          DocumentTypeCatalog types) {
        ProcedureCatalogue catalogue = ProcedureCatalogue.load(Path.of(file), types);
        LOG.info("Procedure catalogue {}: {} procedures", file, catalogue.procedures().size());
        return catalogue;
    }

    @Bean
    ReuseCheck reuseCheck(ProcedureCatalogue catalogue, EdataStore edata, RegistryClient registries,
                          @Value("${gateway.reuse.registry-budget:2s}") Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalStateException("gateway.reuse.registry-budget must be positive, not " + budget);
        }
        return new ReuseCheck(catalogue, edata, registries, budget);
    }
}
