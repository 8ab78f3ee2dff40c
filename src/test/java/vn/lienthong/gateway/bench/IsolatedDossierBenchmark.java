package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import vn.lienthong.gateway.edata.EmbeddedPostgresServer;

import static vn.lienthong.gateway.bench.IsolatedGatewayBenchmark.agree;
import static vn.lienthong.gateway.bench.IsolatedGatewayBenchmark.collectorCpuNanos;
import static vn.lienthong.gateway.bench.IsolatedGatewayBenchmark.compilerCpuNanos;
import static vn.lienthong.gateway.bench.IsolatedGatewayBenchmark.kernelCpuNanos;
import static vn.lienthong.gateway.bench.IsolatedGatewayBenchmark.processCpuNanos;

/**
 * Flow 3's cost on a gateway in <b>its own JVM</b> (not a JUnit test): the gateway process's CPU per dossier event, from
 * iGate's {@code POST /api/v1/dossier-events} to the portal's confirmation (validated, written, queued persistently,
 * mapped, delivered, each step's records committed), read from {@code /proc/<pid>/stat} without the JIT compiler's threads,
 * as {@link IsolatedGatewayBenchmark} reads the look-up's.
 *
 * <p>Each round posts events for {@code --round-seconds} (closed loop, {@code --clients}, 1 KB each, over 400 dossiers of
 * the round's own), then waits until the portal simulator has taken as many (its counter, polled every half second), and
 * divides the gateway's CPU over the whole round by the events accepted: delivery is asynchronous, so the round ends
 * when the last one is delivered, not when the last one is accepted. The polls' own CPU, measured on the idle gateway,
 * is taken off. Warm-up: rounds until two consecutive ones agree within 5 % and the JIT's CPU in the last one is
 * under 3 % of the process's, after at least {@code --min-warmup} seconds. {@code --simulator=process}: the portal (and
 * the population registry) simulated by a sandbox gateway of its own, so that the portal simulator's work is not counted;
 * {@code --postgres=true}: the gateway's database on an embedded PostgreSQL (fsync off), whose server processes' CPU is
 * printed apart.
 * <pre>
 * java -cp "$(cat target/bench-cp.txt)" vn.lienthong.gateway.bench.IsolatedDossierBenchmark --clients=16 --round-seconds=10
 *     --rounds=2 --min-warmup=150 [--simulator=process] [--postgres=true] [--gateway-opts="-Xmx1g"] [--jfr=dossier.jfr [--jfr-settings=profile]]
 * </pre>
 * {@code --jfr} records the gateway from its launch, as {@link IsolatedGatewayBenchmark}'s does; {@link JfrSummary} summarises it.
 */
public final class IsolatedDossierBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static final long POLL_MILLIS = 500;
    /** The simulators' counters are the sandbox's control pages: the console's admin (IsolatedGatewayBenchmark's launch sets "bench"). */
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:bench".getBytes(StandardCharsets.UTF_8));

    private IsolatedDossierBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = IsolatedGatewayBenchmark.parse(args);
        int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        Duration round = Duration.ofSeconds(Integer.parseInt(o.getOrDefault("round-seconds", "10")));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
        int minWarmup = Integer.parseInt(o.getOrDefault("min-warmup", "120"));
        int maxWarmup = Integer.parseInt(o.getOrDefault("max-warmup", "900"));

        String classpath = IsolatedGatewayBenchmark.classpath();
        // --postgres=true: the gateway's database on an embedded PostgreSQL, a process apart as in production; its
        // server processes' CPU is counted apart (the commits' work moves there from the gateway's H2)
        EmbeddedPostgresServer postgres = "true".equals(o.getOrDefault("postgres", "false")) ? EmbeddedPostgresServer.start() : null;
        IsolatedGatewayBenchmark.Launched simulator = "process".equals(o.getOrDefault("simulator", "in-gateway"))
                ? IsolatedGatewayBenchmark.launch(classpath, "", null, null) : null;
        String peers = simulator == null ? "" : " -DNATIONAL_PORTAL_URL=http://localhost:" + simulator.port() + "/sandbox/portal"
                + " -DPOPULATION_REGISTRY_URL=http://localhost:" + simulator.port() + "/sandbox/population"
                + " -DPOPULATION_REGISTRY_TOKEN_URL=http://localhost:" + simulator.port() + "/sandbox/oauth2/token";
        IsolatedGatewayBenchmark.Launched gateway = IsolatedGatewayBenchmark.launch(classpath,
                o.getOrDefault("gateway-opts", "") + peers + IsolatedGatewayBenchmark.database(postgres, "bench_dossier"),
                o.get("jfr"), o.getOrDefault("jfr-settings", "default"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        BenchEnvironment env = new BenchEnvironment(null, http, URI.create("http://localhost:" + gateway.port()));
        long pid = gateway.process().pid();
        boolean completed = false;
        try {
            IsolatedGatewayBenchmark.awaitReady(env, gateway.process(), gateway.log());
            BenchEnvironment portalEnv = env;
            if (simulator != null) {
                portalEnv = new BenchEnvironment(null, http, URI.create("http://localhost:" + simulator.port()));
                IsolatedGatewayBenchmark.awaitReady(portalEnv, simulator.process(), simulator.log());
            }
            GatewayBenchmark.out("BENCH-INFO dossier events: gateway pid %d on port %d (own JVM; log %s); portal simulated %s; %d clients,"
                            + " Java load generator", pid, gateway.port(), gateway.log(),
                    simulator == null ? "inside it (its CPU counted)" : "by a gateway of its own, pid " + simulator.process().pid(), clients);
            Portal portal = new Portal(portalEnv);
            portal.measureOwnCost(pid, simulator == null); // for the warm-up's rounds; measured again after it
            try (LoadGenerator load = new LoadGenerator(http, clients, 1)) {
                long warmStart = System.nanoTime();
                List<Sample> warm = new ArrayList<>();
                int n = 0;
                while (true) {
                    Sample s = round(load, env, portal, pid, round, ++n);
                    GatewayBenchmark.out("BENCH warm-up round %d: %s", n, s);
                    warm.add(s);
                    double elapsed = (System.nanoTime() - warmStart) / 1e9;
                    // a round with refusals (the routes still starting: 404) does not count
                    Sample before = warm.size() >= 2 ? warm.get(warm.size() - 2) : null;
                    boolean settled = before != null && s.refused() == 0 && before.refused() == 0
                            && agree(before.cpuPerEventMs(), s.cpuPerEventMs())
                            && s.jitNanos() <= IsolatedGatewayBenchmark.JIT_SETTLED * s.cpuNanos();
                    if (elapsed >= minWarmup && settled || elapsed >= maxWarmup) {
                        GatewayBenchmark.out("BENCH-INFO warm-up: %.0f s, %d rounds%s", elapsed, n, settled ? "" : " (NOT settled: --max-warmup reached)");
                        break;
                    }
                }
                portal.measureOwnCost(pid, simulator == null); // once the JIT has compiled the poll's path too
                List<Sample> measured = new ArrayList<>();
                for (int i = 1; i <= rounds; i++) {
                    Sample s = round(load, env, portal, pid, round, ++n);
                    GatewayBenchmark.out("BENCH round %d: %s", i, s);
                    measured.add(s);
                }
                long events = measured.stream().mapToLong(Sample::accepted).sum();
                double cpu = measured.stream().mapToLong(Sample::cpuNanos).sum() / 1e6 / events;
                double kernel = measured.stream().mapToLong(Sample::kernelNanos).sum() / 1e6 / events;
                double gc = measured.stream().mapToLong(Sample::gcNanos).sum() / 1e6 / events;
                double rate = events / (measured.stream().mapToLong(Sample::elapsedNanos).sum() / 1e9);
                double database = measured.stream().mapToLong(Sample::postgresNanos).sum() / 1e6 / events;
                GatewayBenchmark.out("BENCH dossier event accepted -> delivered: %.3f ms of the gateway process's CPU each (of it in the kernel"
                                + " %.3f, in the garbage collector %.3f; the JIT apart); %.0f events/s from the first post to the last delivery;"
                                + " target <= 2.5 ms%s", cpu, kernel, gc, rate,
                        postgres == null ? "" : String.format(java.util.Locale.ROOT, "; PostgreSQL's server processes %.3f ms more", database));
            }
            completed = true;
        } finally {
            IsolatedGatewayBenchmark.stop(gateway, completed);
            IsolatedGatewayBenchmark.stop(simulator, completed);
            if (postgres != null) {
                postgres.close();
            }
        }
        System.exit(0);
    }

    /** The CPU so far of every process named postgres on the machine (the embedded server's backends; 0 without one). */
    private static long postgresCpuNanos() throws IOException {
        long sum = 0;
        try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
            for (java.nio.file.Path dir : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = java.nio.file.Files.readString(dir.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        sum += IsolatedGatewayBenchmark.cpuNanos(stat);
                    }
                } catch (IOException gone) {
                    // the process ended while the list was read
                }
            }
        }
        return sum;
    }

    /** One round: events posted for {@code duration}, then every accepted one awaited; the gateway's CPU over both. */
    private static Sample round(LoadGenerator load, BenchEnvironment env, Portal portal, long pid, Duration duration, int n)
            throws Exception {
        // each round's events go to dossiers of its own, as DossierSyncBenchmark's phases do
        Target post = DossierSyncBenchmark.post(env, "r" + n + "-" + Long.toString(System.currentTimeMillis(), 36),
                1000 + n * DossierSyncBenchmark.DOSSIERS);
        long cpu = processCpuNanos(pid) - compilerCpuNanos(pid);
        long jit = compilerCpuNanos(pid);
        long kernel = kernelCpuNanos(pid);
        long gc = collectorCpuNanos(pid);
        long database = postgresCpuNanos();
        long start = System.nanoTime();
        long taken = portal.accepted();
        LoadGenerator.Round posted = load.closedLoop(post, duration);
        int polls = portal.await(taken, posted.latencies().ok());
        long elapsed = System.nanoTime() - start;
        cpu = processCpuNanos(pid) - compilerCpuNanos(pid) - cpu - Math.round((polls + 1) * portal.nanosPerPoll);
        return new Sample(posted.latencies().ok(), posted.latencies().errors(), posted.latencies().errorKinds(), elapsed, cpu, compilerCpuNanos(pid) - jit,
                kernelCpuNanos(pid) - kernel, collectorCpuNanos(pid) - gc, postgresCpuNanos() - database, posted.latencies().percentileMillis(99));
    }

    record Sample(long accepted, long refused, Map<String, Long> refusals, long elapsedNanos, long cpuNanos, long jitNanos, long kernelNanos, long gcNanos,
                  long postgresNanos, double postP99Millis) {
        double cpuPerEventMs() {
            return cpuNanos / 1e6 / Math.max(1, accepted);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d events accepted (%d refused %s), all delivered in %.1f s (%.0f/s); gateway-process-cpu=%.3f ms"
                            + "/event (of it in the kernel %.3f, in the garbage collector %.3f; + JIT %.3f); PostgreSQL's processes %.3f ms/event;"
                            + " post p99 %.1f ms", accepted, refused, refusals,
                    elapsedNanos / 1e9, accepted / (elapsedNanos / 1e9), cpuPerEventMs(), kernelNanos / 1e6 / Math.max(1, accepted),
                    gcNanos / 1e6 / Math.max(1, accepted), jitNanos / 1e6 / Math.max(1, accepted), postgresNanos / 1e6 / Math.max(1, accepted),
                    postP99Millis);
        }
    }

    /**
     * What the portal has taken so far: its simulator's counter of accepted requests ({@code /sandbox/portal/stats}), one
     * per event delivered. Read from the simulator, not the gateway's console, whose overview costs the gateway far more
     * CPU per poll (a tenth of a second) than an event.
     */
    private static final class Portal {
        private final HttpClient http;
        private final URI stats;
        private double nanosPerPoll;

        Portal(BenchEnvironment env) {
            this.http = env.http();
            this.stats = env.uri("/sandbox/portal/stats");
        }

        long accepted() throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(stats).header("Authorization", ADMIN)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("The portal simulator's stats answered " + r.statusCode() + ": " + r.body());
            }
            return JSON.readTree(r.body()).path("accepted").asLong();
        }

        /** Polls until the portal has taken {@code count} more than {@code from}; returns the polls made. */
        int await(long from, long count) throws Exception {
            long deadline = System.nanoTime() + DRAIN.toNanos();
            int polls = 0;
            long taken = 0;
            while (System.nanoTime() < deadline) {
                taken = accepted() - from;
                polls++;
                if (taken >= count) {
                    if (taken > count) {
                        throw new IllegalStateException("The portal took " + taken + " requests for " + count
                                + " events: it no longer counts one per event; update " + IsolatedDossierBenchmark.class.getSimpleName());
                    }
                    return polls;
                }
                Thread.sleep(POLL_MILLIS);
            }
            throw new IllegalStateException("The portal took " + taken + " of " + count + " events in " + DRAIN.toSeconds() + " s");
        }

        /**
         * The CPU one poll costs the gateway when the portal is simulated inside it, taken off each round's: the sandbox's
         * control pages check the admin's password on every call (stateless HTTP Basic, BCrypt), some 70 ms of CPU.
         */
        void measureOwnCost(long pid, boolean inGateway) throws Exception {
            if (!inGateway) {
                return;
            }
            int polls = 50;
            long cpu = processCpuNanos(pid) - compilerCpuNanos(pid);
            for (int i = 0; i < polls; i++) {
                accepted();
            }
            nanosPerPoll = (processCpuNanos(pid) - compilerCpuNanos(pid) - cpu) / (double) polls;
            GatewayBenchmark.out("BENCH-INFO one poll of the portal's counter costs the gateway %.3f ms of CPU (taken off each round's)", nanosPerPoll / 1e6);
        }
    }
}
