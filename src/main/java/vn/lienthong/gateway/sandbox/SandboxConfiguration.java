package vn.lienthong.gateway.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox: simulators of the national systems, served by this process under {@code /sandbox/**},
 * with synthetic data generated deterministically from a seed. On by default so that every flow
 * runs on a fresh machine; off in the {@code prod} profile (gateway.sandbox.enabled=false), where
 * the connectors point at the real systems.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.sandbox.enabled", havingValue = "true")
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Bean
    Population population(SandboxProperties properties) {
        long started = System.nanoTime();
        Population population = PopulationGenerator.generate(properties.seed(), properties.populationSize());
        LOG.info("Sandbox population registry: {} synthetic citizens from seed {} in {} ms",
                population.size(), properties.seed(), (System.nanoTime() - started) / 1_000_000);
        return population;
    }

    @Bean
    RegistryWorld registryWorld(Population population, SandboxProperties properties) {
        long started = System.nanoTime();
        RegistryWorld world = RegistryWorld.generate(population, properties.seed(), properties.enterpriseCount());
        LOG.info("Sandbox business, social-insurance and land registries: {} enterprises, {} insured, {} parcels in {} ms",
                world.enterprises().size(), world.participantCount(), world.parcelCount(), (System.nanoTime() - started) / 1_000_000);
        return world;
    }

    @Bean
    CivilStatusRecords civilStatusRecords(Population population, SandboxProperties properties) {
        CivilStatusRecords records = CivilStatusRecords.generate(population, properties.seed());
        LOG.info("Sandbox civil-status database: {} birth, marriage and death registrations", records.size());
        return records;
    }

    @Bean
    SimulatorGate simulatorGate(SandboxTokens tokens, SandboxFaults faults) {
        return new SimulatorGate(tokens, faults);
    }

    @Bean
    SandboxTokens sandboxTokens(SandboxProperties properties) {
        return new SandboxTokens(properties);
    }

    @Bean
    SandboxFaults sandboxFaults() {
        return new SandboxFaults();
    }
}
