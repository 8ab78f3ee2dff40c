package vn.lienthong.gateway.reuse;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.registry.RegistryClient;

/**
 * The reuse check: its procedure catalogue and registries (gateway.reuse.procedures-file; the registries'
 * connectors in gateway.connectors-location) and its registry time budget (gateway.reuse.registry-budget).
 */
@Configuration(proxyBeanMethods = false)
public class ReuseConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ReuseConfiguration.class);

    @Bean
    ProcedureCatalogue procedureCatalogue(@Value("${gateway.reuse.procedures-file:mappings/procedures.yaml}") String file,
                                          @Value("${gateway.connectors-location:connectors}") String connectors,
                                          DocumentTypeCatalog types) {
        ProcedureCatalogue catalogue = ProcedureCatalogue.load(Path.of(file), types, Path.of(connectors));
        LOG.info("Procedure catalogue {}: {} procedures", file, catalogue.procedures().size());
        return catalogue;
    }

    /** Each registry's mapping compiled as soon as Camel has started, not within the first check's budget. */
    @Bean
    CamelContextConfiguration registryMappingsCompiled(ProcedureCatalogue catalogue, RegistryClient registries) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // nothing before: the xslt endpoints need a started context
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                catalogue.registries().forEach(registry -> registries.prepare(registry.mapping()));
            }
        };
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
