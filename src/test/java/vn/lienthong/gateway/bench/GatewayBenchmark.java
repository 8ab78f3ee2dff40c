package vn.lienthong.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.intake.SftpTestServer;

/**
 * Throughput and latency of the gateway against a direct baseline: {@code mvn -Pbench verify}
 * (knobs {@code -Dbench.clients=16 -Dbench.seconds=8}). A plain {@code main}, not a test.
 *
 * <p>For every {@link Scenario} (one per flow; add yours to {@link #SCENARIOS}):
 * <ol>
 *   <li>smoke check: one request to each target must succeed;</li>
 *   <li>warm-up: {@code --warmup} seconds of closed-loop load on each target (JIT, pools, caches);</li>
 *   <li>peak: closed loop, {@code --clients} workers sending back to back, {@code --seconds} per target;</li>
 *   <li>half load: open loop at 50% of the gateway's measured peak, {@code --seconds} per target,
 *       latency counted from the scheduled send time (no coordinated omission).</li>
 * </ol>
 *
 * <p><b>Interleaving.</b> Each measured phase is cut into rounds of about {@code --round-seconds}
 * and the targets alternate in ABBA order (direct, gateway, gateway, direct, ...). The gateway, the
 * simulator and the load generator share one JVM and two cores, so JIT compilation, heap growth,
 * the growing access-log table and the machine's background noise all drift over a run; with
 * ABBA order a linear drift falls equally on both targets instead of favouring whichever ran first.
 *
 * <p><b>Caveat.</b> The load generator runs in the same JVM as the gateway and competes for the same
 * CPUs. The absolute figures are therefore pessimistic; the ratio and the overhead, measured under
 * identical conditions for both targets, are what the targets are about.
 *
 * <p>Targets (reported PASS / MISS, never an exception): gateway peak throughput at least 70% of the
 * direct one; gateway p99 at half load at most 5 ms above the direct p99. The run exits non-zero when
 * any measured phase has more than 1% errors (non-200 answers, unexpected bodies, I/O errors).
 */
public final class GatewayBenchmark {

    /** The flows measured, in order. Later flows add their factory here. */
    static final List<ScenarioFactory> SCENARIOS = List.of(
            CitizenLookupScenario::create,
            MessageLogCostScenario::create,
            ReuseCheckScenario::create);

    static final double MIN_THROUGHPUT_RATIO = 0.70;
    static final int JIT_WARMUP_SECONDS = 30;
    static final double MAX_P99_OVERHEAD_MS = 5.0;
    static final double MAX_ERROR_RATE = 0.01;
    static final double HALF_LOAD_FRACTION = 0.5;
    /** Above this share of the machine's CPU used by other processes, the figures are flagged as unreliable. */
    static final double MAX_OTHERS_CPU_PERCENT = 10;

    @FunctionalInterface
    interface ScenarioFactory {
        Scenario create(BenchEnvironment env) throws Exception;
    }

    private GatewayBenchmark() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(Options.parse(args));
        } catch (Throwable t) {
            System.out.println("BENCH FAILED " + t);
            t.printStackTrace(System.out);
            exit = 2;
        }
        System.out.flush();
        System.exit(exit);
    }

    static int run(Options options) throws Exception {
        if (!Files.isDirectory(Path.of("routes")) || !Files.isDirectory(Path.of("connectors"))) {
            throw new IllegalStateException("Run from the project root (routes/ and connectors/ are read relative to it); working directory is "
                    + Path.of("").toAbsolutePath());
        }
        int port = freePort();
        Path dataDir = Files.createTempDirectory("lienthong-bench-");
        long started = System.nanoTime();
        // the SFTP intake scenario's partner server, which the gateway's vnpost connector polls
        SftpTestServer sftp = SftpTestServer.shared();
        List<String> arguments = new ArrayList<>(SftpIntakeScenario.gatewayArguments(sftp));
        arguments.addAll(List.of(
                "--server.port=" + port,
                "--gateway.data-dir=" + dataDir,
                "--gateway.console.admin.password=bench",
                "--logging.level.root=WARN",
                // application.yaml sets these two to INFO explicitly
                "--logging.level.org.apache.camel.impl.engine.AbstractCamelContext=WARN",
                "--logging.level.io.hawt=WARN"));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
        info("gateway started on port %d in %.1f s (data %s, cpus=%d, java=%s, max heap=%d MB)",
                port, (System.nanoTime() - started) / 1e9, dataDir, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

        boolean tooManyErrors = false;
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        try (LoadGenerator load = new LoadGenerator(http, options.clients, options.openLoopWorkers);
             CpuMonitor cpu = new CpuMonitor()) {
            BenchEnvironment env = new BenchEnvironment(context, http, URI.create("http://localhost:" + port));
            // The gateway's path is far longer than any baseline's: let the JIT compile it once, before
            // any scenario measures, so the figures describe a running gateway and not a cold one.
            if (!SftpIntakeScenario.NAME.equals(options.scenario)) { // the intake scenario warms its own path
                Target first = SCENARIOS.get(0).create(env).gateway();
                LoadGenerator.Round jit = load.closedLoop(first, Duration.ofSeconds(JIT_WARMUP_SECONDS));
                info("JIT warm-up: %d s of gateway look-ups, %d requests", JIT_WARMUP_SECONDS, jit.latencies().count());
            }
            for (ScenarioFactory factory : SCENARIOS) {
                Scenario scenario = factory.create(env);
                if (options.scenario != null && !options.scenario.equals(scenario.name())) {
                    continue;
                }
                tooManyErrors |= !measure(scenario, load, cpu, options);
            }