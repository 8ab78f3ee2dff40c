package vn.lienthong.gateway.reuse;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
    void recallIsAtLeast95PercentWithNoFalseOffer() throws Exception {
        OnceOnlyScenario scenario = OnceOnlyScenario.generate(population, world, catalogue, types,
                new OnceOnlyScenario.Size(400, 80, 800, 250), 42);
        int valid = scenario.deposit(edata, 4);
        assertThat(valid).isGreaterThan(scenario.pastResults() / 2);

        OnceOnlyScenario.Score score = scenario.newScore();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < scenario.dossiers().size(); i++) {
                int n = i;
                done.add(clients.submit(() -> {
                    HttpResponse<String> response = postJson("/api/v1/reuse-checks", scenario.requestBody(n));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    score.add(n, JSON.readTree(response.body()));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        System.out.println("Once-only effectiveness (small province): " + score);
        assertThat(score.wrongItems()).isZero();
        assertThat(score.falseOffers()).as(String.join("\n", score.examples())).isZero();
        assertThat(score.recall()).as(String.join("\n", score.examples())).isGreaterThanOrEqualTo(0.95);
    }
}
