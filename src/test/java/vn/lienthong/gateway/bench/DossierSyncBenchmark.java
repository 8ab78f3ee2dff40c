package vn.lienthong.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.security.ExchangeLog;
import vn.lienthong.gateway.security.messagelog.MessageLog;

import static vn.lienthong.gateway.bench.GatewayBenchmark.info;
import static vn.lienthong.gateway.bench.GatewayBenchmark.out;

/**
 * Flow 3, dossier synchronisation, end to end: iGate posts 1 KB progress events
 * ({@code POST /api/v1/dossier-events}, closed loop, the harness's clients) spread over 400 dossiers;
 * each is validated, written, queued persistently, mapped and delivered to the portal simulator.
 * Throughput is events confirmed by the portal per second, from the first acceptance to the last
 * delivery; latency is accepted-to-delivered, from the delivery-state rows. The baseline, measured
 * in the same run just before the events and again just after (the mean of the two), is the harness's
 * identity look-up through the gateway (citizen-lookup, a synchronous pass-through to the population
 * simulator). Target: at least 50% of the baseline's rate, accepted-to-delivered p99 below 60 s.
 * Before either is measured the event path gets a warm-up of its own ({@link #WARMUP_SECONDS} of
 * posting, then every delivery awaited): the look-up has had the harness's, and the JIT keeps speeding
 * a path up for minutes.
 */
final class DossierSyncBenchmark {

    static final String NAME = "dossier-sync";
    static final int DOSSIERS = 400;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final double MIN_RATIO = 0.50;
    static final double MAX_P99_MILLIS = 60_000;
    /** Posting time of the event path's own JIT warm-up (its deliveries are then awaited, which warms them further). */
    static final int WARMUP_SECONDS = 60;

    private DossierSyncBenchmark() {
    }

    /** False when too many requests failed or the events were not all delivered in time. */
    static boolean measure(BenchEnvironment env, LoadGenerator load, int seconds) throws Exception {
        // The look-up (the baseline) has had the harness's JIT warm-up; the event path (intake, JMS, the
        // mapping, the Kamelet) gets its own before either is measured, or a cold path is set against a warm one.
        if (!env.context().getBean(ExchangeLog.class).isEnabled()) {
            throw new IllegalStateException("The message log is off: the events and the look-up would be measured without their records");
        }
        long warmStart = System.nanoTime();
        Round warm = postAndDeliver(env, load, "warm", 1000, Duration.ofSeconds(WARMUP_SECONDS), Duration.ofMinutes(5));
        info("%s warm-up: %d events posted for %d s, %d delivered, %.0f s in all", NAME, warm.accepted(), WARMUP_SECONDS,
                warm.delivered(), (System.nanoTime() - warmStart) / 1e9);

        // the baseline is measured before and after the events (A B A), so that a drift over the run (the JIT, the
        // tables growing, the broker's journal) falls on both sides; the figures are their mean
        Target lookup = CitizenLookupScenario.create(env).gateway();
        Baseline before = baseline(load, lookup, seconds);

        MessageLog messageLog = env.context().getBean(MessageLog.class);
        long batchesBefore = messageLog.batchesWritten();
        long itemsBefore = messageLog.itemsWritten();
        long writerCpuBefore = threadCpuNanos("message-log-writer");
        info("%s measured phase starts at %d (epoch ms)", NAME, System.currentTimeMillis());
        Round measured = postAndDeliver(env, load, "run", 5000, Duration.ofSeconds(seconds), Duration.ofSeconds(60));
        info("%s measured phase ends at %d (epoch ms)", NAME, System.currentTimeMillis());
        long batches = messageLog.batchesWritten() - batchesBefore;
        long items = messageLog.itemsWritten() - itemsBefore;
        double writerCpuMillis = (threadCpuNanos("message-log-writer") - writerCpuBefore) / 1e6 / Math.max(1, measured.delivered());
        Baseline after = baseline(load, lookup, seconds);
        double lookupRate = (before.rate() + after.rate()) / 2;
        double lookupCpuMillis = (before.cpuMillis() + after.cpuMillis()) / 2;
        List<long[]> times = measured.times();
        long first = times.stream().mapToLong(t -> t[0]).min().orElse(0);
        long last = times.stream().mapToLong(t -> t[1]).max().orElse(0);
        long[] latencies = times.stream().mapToLong(t -> t[1] - t[0]).sorted().toArray();
        double e2eRate = times.isEmpty() ? 0 : times.size() / ((last - first) / 1000.0);
        double p50 = percentile(latencies, 50);
        double p99 = percentile(latencies, 99);
        double ratio = e2eRate / lookupRate;
        LoadGenerator.Round posted = measured.posted();

        out("BENCH %s baseline citizen-lookup through the gateway: %.0f req/s (before the events %.0f, after %.0f; %d s each,"
                        + " closed loop, %d errors)", NAME, lookupRate, before.rate(), after.rate(), seconds, before.errors() + after.errors());
        out("BENCH %s accepted: %d events in %d s (%.0f/s, %d refused or failed), intake p99 %.1f ms",
                NAME, measured.accepted(), seconds, measured.accepted() / (posted.elapsedNanos() / 1e9), posted.latencies().errors(),
                posted.latencies().percentileMillis(99));
        out("BENCH %s delivered end to end: %d of %d, %.0f events/s first acceptance to last delivery; ratio to look-up %.2f (target >= %.2f) %s",
                NAME, times.size(), measured.accepted(), e2eRate, ratio, MIN_RATIO, ratio >= MIN_RATIO ? "PASS" : "MISS");
        out("BENCH %s cpu per item (this JVM's CPU time, less disturbed by other processes than rates): look-up %.2f ms,"
                + " event accepted and delivered %.2f ms; look-up/event %.2f (the rate ratio when the CPUs are the limit)",
                NAME, lookupCpuMillis, measured.cpuMillisPerEvent(), lookupCpuMillis / measured.cpuMillisPerEvent());
        out("BENCH %s message-log commits: %d for %d records and rows (%.2f per commit), %.2f commits and %.2f ms of the writer"
                        + " thread's CPU per event", NAME, batches, items, items / (double) Math.max(1, batches),
                batches / (double) Math.max(1, measured.delivered()), writerCpuMillis);
        out("BENCH %s accepted-to-delivered p50 %.0f ms, p99 %.0f ms (target < %.0f ms) %s",
                NAME, p50, p99, MAX_P99_MILLIS, p99 < MAX_P99_MILLIS ? "PASS" : "MISS");
        return measured.delivered() >= measured.accepted() && posted.latencies().errorRate() <= GatewayBenchmark.MAX_ERROR_RATE
                && before.errorRate() <= GatewayBenchmark.MAX_ERROR_RATE && after.errorRate() <= GatewayBenchmark.MAX_ERROR_RATE;
    }

    /** One round of the look-up: answered requests per second, this JVM's CPU per request, errors. */
    private record Baseline(double rate, double cpuMillis, long errors, double errorRate) {
    }

    private static Baseline baseline(LoadGenerator load, Target lookup, int seconds) throws InterruptedException {
        long cpuBefore = CpuMonitor.processCpuNanos();
        LoadGenerator.Round round = load.closedLoop(lookup, Duration.ofSeconds(seconds));
        long requests = round.latencies().count();
        long answered = requests - round.latencies().errors();
        return new Baseline(answered / (round.elapsedNanos() / 1e9), (CpuMonitor.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, requests),
                round.latencies().errors(), round.latencies().errorRate());
    }

    /** One phase's events: what was posted, how many were accepted and delivered, their accepted/delivered times. */
    private record Round(LoadGenerator.Round posted, long accepted, long delivered, double cpuMillisPerEvent, List<long[]> times) {
    }

    /**
     * Posts events for {@code posting} (closed loop), then waits up to {@code drain} until every accepted one is delivered.
     * Each phase has dossiers of its own (codes from {@code firstDossier}): a dossier's events are ordered against its
     * earlier ones, and a few events per dossier and phase is what a province sees (one dossier passes through about
     * ten statuses in its life), where 400 dossiers shared by every phase would collect dozens each.
     */
    private static Round postAndDeliver(BenchEnvironment env, LoadGenerator load, String phase, int firstDossier, Duration posting,
                                        Duration drain) throws Exception {
        String run = phase + "-" + Long.toString(System.currentTimeMillis(), 36);
        Target post = post(env, run, firstDossier);
        long cpuAtPost = CpuMonitor.processCpuNanos();
        LoadGenerator.Round posted = load.closedLoop(post, posting);
        long accepted = posted.latencies().count() - posted.latencies().errors();

        JdbcTemplate jdbc = env.context().getBean(JdbcTemplate.class);
        String like = "bench-" + run + "-%";
        long deadline = System.nanoTime() + drain.toNanos();
        long delivered = 0;
        long pollingCpu = 0;
        while (System.nanoTime() < deadline) {
            // the count scans this phase's rows in this thread (H2 is embedded): its CPU is the harness's, not the events'
            long before = THREADS.getCurrentThreadCpuTime();
            delivered = count(jdbc, "select count(*) from dossier_event where event_id like ? and state = 'DELIVERED'", like);
            pollingCpu += THREADS.getCurrentThreadCpuTime() - before;
            if (delivered >= accepted) {
                break;
            }
            Thread.sleep(200);
        }
        // CPU from the first post to the last delivery, less the polling's
        double cpuMillisPerEvent = (CpuMonitor.processCpuNanos() - cpuAtPost - pollingCpu) / 1e6 / Math.max(1, delivered);
        List<long[]> times = jdbc.query("select accepted_at, delivered_at from dossier_event where event_id like ? and state = 'DELIVERED'",
                (rs, i) -> new long[]{millis(rs.getObject(1, OffsetDateTime.class)), millis(rs.getObject(2, OffsetDateTime.class))}, like);
        return new Round(posted, accepted, delivered, cpuMillisPerEvent, times);
    }

    /**
     * iGate posting 1 KB events as the sandbox partner, ids {@code bench-<run>-<n>}, spread over the {@value #DOSSIERS}
     * dossiers from {@code firstDossier}; 202 is the only success.
     */
    static Target post(BenchEnvironment env, String run, int firstDossier) {
        String padding = "x".repeat(560); // the event is about 1 KB of JSON
        return new Target("dossier-events", seq -> HttpRequest.newBuilder(env.uri("/api/v1/dossier-events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-API-Key", CitizenLookupScenario.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(event("bench-" + run + "-" + seq, firstDossier + (int) (seq % DOSSIERS), padding),
                        StandardCharsets.UTF_8))
                .build(),
                response -> response.statusCode() == 202 ? null : "HTTP " + response.statusCode());
    }

    private static String event(String eventId, int dossier, String padding) {
        return """
                {"eventId": "%s", "dossierCode": "000.00.00.H41-261123-%04d", "agencyCode": "000.00.00.H41",
                 "occurredAt": "2026-11-24T08:30:05+07:00", "localStatus": "DANG_XU_LY",
                 "progress": {"handler": "Trần Thị Bích", "handlerTitle": "Công chức", "department": "Bộ phận tư pháp",
                   "content": "Thẩm định hồ sơ %s", "startedAt": "2026-11-24T08:30:05+07:00", "dueAt": "2026-11-25T17:00:00+07:00"}}
                """.formatted(eventId, dossier, padding);
    }

    /** CPU time so far of the live threads of this name (the message log's writer is one). */
    private static long threadCpuNanos(String name) {
        long sum = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(name)) {
                sum += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    private static long count(JdbcTemplate jdbc, String sql, String arg) {
        Long n = jdbc.queryForObject(sql, Long.class, arg);
        return n == null ? 0 : n;
    }

    private static long millis(OffsetDateTime t) {
        return t.toInstant().toEpochMilli();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
