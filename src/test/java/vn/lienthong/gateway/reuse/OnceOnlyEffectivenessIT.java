package vn.lienthong.gateway.reuse;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.sandbox.Population;
import vn.lienthong.gateway.sandbox.RegistryWorld;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The once-only promise, measured on a small synthetic province with known ground truth (the full
 * one runs in the benchmark, {@code ReuseCheckScenario}): every dossier's reuse check over HTTP,
 * scored against what the state really holds.
 */
class OnceOnlyEffectivenessIT extends GatewayTestSupport {

    @Autowired
    Population population;
    @Autowired
    RegistryWorld world;
    @Autowired
    ProcedureCatalogue catalogue;
    @Autowired
    DocumentTypeCatalog types;
    @Autowired
    EdataStore edata;

    @Test
    void recallIsAtLeast95PercentWithNoFalseOfferAndEveryOfferIsInTheOwnersAccessLog() throws Exception {
        OnceOnlyScenario scenario = OnceOnlyScenario.generate(population, world, catalogue, types,
                new OnceOnlyScenario.Size(400, 80, 800, 250), 42);
        int valid = scenario.deposit(edata, 4);
        assertThat(valid).isGreaterThan(scenario.pastResults() / 2);

        OnceOnlyScenario.Score score = scenario.checkAll(n -> postJson("/api/v1/reuse-checks", scenario.requestBody(n)), 4);
        System.out.println("Once-only effectiveness (small province): " + score);
        assertThat(score.wrongItems()).isZero();
        assertThat(score.falseOffers()).as(String.join("\n", score.examples())).isZero();
        assertThat(score.recall()).as(String.join("\n", score.examples())).isGreaterThanOrEqualTo(0.95);
        // the ground truth has papers held only valid from a future date, and none of them was offered from e-data
        assertThat(score.futureOnlyPapers()).isPositive();
        assertThat(score.futureOnlyOffered()).isZero();
        // every document shown to an officer is in its owner's access log
        assertThat(scenario.offersMade()).isPositive();
        assertThat(scenario.unrecordedOffers(edata)).isEmpty();
    }
}
