package vn.lienthong.gateway.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.reuse.OnceOnlyScenario;
import vn.lienthong.gateway.reuse.ProcedureCatalogue;
import vn.lienthong.gateway.sandbox.Population;
import vn.lienthong.gateway.sandbox.RegistryWorld;
import vn.lienthong.gateway.sandbox.SandboxFaults;

/**
 * Flow 2, the once-only reuse check, on a synthetic province with known ground truth
 * ({@link OnceOnlyScenario}). The full province of the issue (10,000 citizens, 2,000 enterprises,
 * 20,000 past results, 5,000 dossiers) is {@code -Dbench.reuse.scale=1}; depositing 20,000 signed
 * documents alone takes minutes on a small machine, so by default the bench runs a tenth of it
 * ({@value #DEFAULT_SCALE}) to keep the scenario near a minute.
 * <ol>
 *   <li>the past results are deposited in the e-data store (some expired, some revoked, some valid only
 *       from a future date, some starting or ending today);</li>
 *   <li>the simulated registries get a realistic, different latency each ({@link #LATENCY_MS}; the
 *       slowest is social insurance);</li>
 *   <li>every dossier's reuse check runs once over HTTP and is scored: recall (target ≥ 95%) and
 *       false offers (target 0) are printed as {@code BENCH once-only ...} lines, with the papers held only
 *       future-dated (none offered) and the offers missing from their owner's access log (target 0);</li>
 *   <li>then the latency phases: direct = one call to the slowest registry (the social-insurance
 *       search the gateway itself sends), gateway = {@code POST /api/v1/reuse-checks} cycling over the
 *       dossiers. Target: the check's p99 at most 20 ms above the slowest registry's p99.</li>
 * </ol>
 */
public final class ReuseCheckScenario {

    /** Simulated answer time of each registry, ms (the sandbox fault switch SLOW). */
    static final Map<String, Long> LATENCY_MS = Map.of("population", 20L, "business", 15L, "social-insurance", 30L, "land", 25L);
    static final double MAX_P99_ABOVE_SLOWEST_REGISTRY_MS = 20.0;
    static final String DEFAULT_SCALE = "0.1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private ReuseCheckScenario() {
    }

    public static Scenario create(BenchEnvironment env) throws Exception {
        double scale = Double.parseDouble(System.getProperty("bench.reuse.scale", DEFAULT_SCALE));
        OnceOnlyScenario.Size full = OnceOnlyScenario.Size.FULL;
        OnceOnlyScenario.Size size = new OnceOnlyScenario.Size((int) (full.citizens() * scale), (int) (full.enterprises() * scale),
                (int) (full.pastResults() * scale), (int) (full.dossiers() * scale));
        var ctx = env.context();
        long started = System.nanoTime();
        OnceOnlyScenario province = OnceOnlyScenario.generate(ctx.getBean(Population.class), ctx.getBean(RegistryWorld.class),
                ctx.getBean(ProcedureCatalogue.class), ctx.getBean(DocumentTypeCatalog.class), size, 20251123);
        int valid = province.deposit(ctx.getBean(EdataStore.class), 4);
        out("BENCH-INFO once-only province %s: %d past results deposited (%d valid today) in %.1f s", size, province.pastResults(), valid,
                (System.nanoTime() - started) / 1e9);

        SandboxFaults faults = ctx.getBean(SandboxFaults.class);
        LATENCY_MS.forEach((system, ms) -> faults.set(system, SandboxFaults.Mode.SLOW, ms));

        // every dossier once, scored against the ground truth
        started = System.nanoTime();
        OnceOnlyScenario.Score score = province.checkAll(n -> env.http().send(reuseCheck(env, province, n), HttpResponse.BodyHandlers.ofString()), 16);
        out("BENCH once-only %s in %.1f s", score, (System.nanoTime() - started) / 1e9);
        out("BENCH once-only recall %.2f%% (target >= 95%%) %s; false offers %d (target 0) %s", 100 * score.recall(),
                score.recall() >= 0.95 ? "PASS" : "MISS", score.falseOffers(), score.falseOffers() == 0 ? "PASS" : "MISS");
        score.examples().forEach(e -> out("BENCH-INFO once-only example: %s", e));
        out("BENCH once-only future-dated: %d papers held in e-data only valid from a future date, %d offered from it (target 0) %s",
                score.futureOnlyPapers(), score.futureOnlyOffered(), score.futureOnlyOffered() == 0 ? "PASS" : "MISS");
        List<String> unrecorded = province.unrecordedOffers(ctx.getBean(EdataStore.class));
        out("BENCH once-only owners' access log: %d documents offered, %d not in their owner's access log (target 0) %s",
                province.offersMade(), unrecorded.size(), unrecorded.isEmpty() ? "PASS" : "MISS");

        // latency: the slowest registry, asked directly, against the whole check through the gateway
        String token = CitizenLookupScenario.fetchToken(env);
        String[] citizens = province.dossiers().stream().filter(d -> d.applicantType() == OwnerType.CITIZEN)
                .map(OnceOnlyScenario.Dossier::applicantId).toArray(String[]::new);
        Target direct = new Target("slowest-registry", seq -> HttpRequest.newBuilder(
                        env.uri("/sandbox/social-insurance/tim-kiem?soDinhDanh=" + citizens[(int) (seq % citizens.length)]))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build(),
                Target.ok200Containing("danhSach"));
        Target gateway = new Target("reuse-check", seq -> reuseCheck(env, province, (int) (seq % province.dossiers().size())),
                Target.ok200Containing("\"items\""));
        return new Scenario("reuse-check", direct, gateway, MAX_P99_ABOVE_SLOWEST_REGISTRY_MS, 0);
    }

    private static HttpRequest reuseCheck(BenchEnvironment env, OnceOnlyScenario province, int dossier) {
        return HttpRequest.newBuilder(env.uri("/api/v1/reuse-checks"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-API-Key", CitizenLookupScenario.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(province.requestBody(dossier), StandardCharsets.UTF_8))
                .build();
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
