package vn.lienthong.gateway.bench;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flow 3, dossier synchronisation, end to end: iGate posts 1 KB progress events
 * ({@code POST /api/v1/dossier-events}, closed loop, the harness's clients) spread over 400 dossiers;
 * each is validated, written, queued persistently, mapped and delivered to the portal simulator.
 * Throughput is events confirmed by the portal per second, from the first acceptance to the last
 * delivery; latency is accepted-to-delivered, from the delivery-state rows. The baseline, measured
 * in the same run just before, is the harness's identity look-up through the gateway (citizen-lookup,
 * a synchronous pass-through to the population simulator). Target: at least 50% of the baseline's
 * rate, accepted-to-delivered p99 below 60 s.
 */
final class DossierSyncBenchmark {

    static final String NAME = "dossier-sync";
    static final int DOSSIERS = 400;
    static final double MIN_RATIO = 0.50;
    static final double MAX_P99_MILLIS = 60_000;

    private DossierSyncBenchmark() {
    }

    /** False when too many requests failed or the events were not all delivered in time. */
    static boolean measure(BenchEnvironment env, LoadGenerator load, int seconds) throws Exception {
        Target lookup = CitizenLookupScenario.create(env).gateway();
        long cpuBefore = CpuMonitor.processCpuNanos();
        LoadGenerator.Round baseline = load.closedLoop(lookup, Duration.ofSeconds(seconds));
        double lookupCpuMillis = (CpuMonitor.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, baseline.latencies().count());
        double lookupRate = baseline.latencies().count() / (baseline.elapsedNanos() / 1e9);

        String run = Long.toString(System.currentTimeMillis(), 36);
        String padding = "x".repeat(560); // the event is about 1 KB of JSON
        Target post = new Target("dossier-events", seq -> HttpRequest.newBuilder(env.uri("/api/v1/dossier-events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-API-Key", CitizenLookupScenario.API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(event("bench-" + run + "-" + seq, (int) (seq % DOSSIERS), padding),
                        StandardCharsets.UTF_8))
                .build(),
                response -> response.statusCode() == 202 ? null : "HTTP " + response.statusCode());
        long cpuAtPost = CpuMonitor.processCpuNanos();
        LoadGenerator.Round posted = load.closedLoop(post, Duration.ofSeconds(seconds));
        long accepted = posted.latencies().count() - posted.latencies().errors();

        JdbcTemplate jdbc = env.context().getBean(JdbcTemplate.class);
        String like = "bench-" + run + "-%";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long delivered = 0;
        while (System.nanoTime() < deadline) {
            delivered = count(jdbc, "select count(*) from dossier_event where event_id like ? and state = 'DELIVERED'", like);
            if (delivered >= accepted) {
                break;
            }
            Thread.sleep(200);
        }
        // CPU from the first post to the last delivery (the polling above costs little next to it)
        double eventCpuMillis = (CpuMonitor.processCpuNanos() - cpuAtPost) / 1e6 / Math.max(1, delivered);
        List<long[]> times = jdbc.query("select accepted_at, delivered_at from dossier_event where event_id like ? and state = 'DELIVERED'",
                (rs, i) -> new long[]{millis(rs.getObject(1, OffsetDateTime.class)), millis(rs.getObject(2, OffsetDateTime.class))}, like);
        long first = times.stream().mapToLong(t -> t[0]).min().orElse(0);
        long last = times.stream().mapToLong(t -> t[1]).max().orElse(0);
        long[] latencies = times.stream().mapToLong(t -> t[1] - t[0]).sorted().toArray();
        double e2eRate = times.isEmpty() ? 0 : times.size() / ((last - first) / 1000.0);
        double p50 = percentile(latencies, 50);
        double p99 = percentile(latencies, 99);
        double ratio = e2eRate / lookupRate;

        out("BENCH %s baseline citizen-lookup through the gateway: %.0f req/s (%d requests, %d s, closed loop)",
                NAME, lookupRate, baseline.latencies().count(), seconds);
        out("BENCH %s accepted: %d events in %d s (%.0f/s, %d refused or failed), intake p99 %.1f ms",
                NAME, accepted, seconds, accepted / (posted.elapsedNanos() / 1e9), posted.latencies().errors(),
                posted.latencies().percentileMillis(99));
        out("BENCH %s delivered end to end: %d of %d, %.0f events/s first acceptance to last delivery; ratio to look-up %.2f (target >= %.2f) %s",
                NAME, times.size(), accepted, e2eRate, ratio, MIN_RATIO, ratio >= MIN_RATIO ? "PASS" : "MISS");
        out("BENCH %s cpu per item (this JVM's CPU time, less disturbed by other processes than rates): look-up %.2f ms,"
                + " event accepted and delivered %.2f ms; look-up/event %.2f (the rate ratio when the CPUs are the limit)",
                NAME, lookupCpuMillis, eventCpuMillis, lookupCpuMillis / eventCpuMillis);
        out("BENCH %s accepted-to-delivered p50 %.0f ms, p99 %.0f ms (target < %.0f ms) %s",
                NAME, p50, p99, MAX_P99_MILLIS, p99 < MAX_P99_MILLIS ? "PASS" : "MISS");
        return delivered >= accepted && posted.latencies().errorRate() <= GatewayBenchmark.MAX_ERROR_RATE;
    }

    private static String event(String eventId, int dossier, String padding) {
        return """
                {"eventId": "%s", "dossierCode": "000.00.00.H41-261123-%04d", "agencyCode": "000.00.00.H41",
                 "occurredAt": "2026-11-24T08:30:05+07:00", "localStatus": "DANG_XU_LY",
                 "progress": {"handler": "Trần Thị Bích", "handlerTitle": "Công chức", "department": "Bộ phận tư pháp",
                   "content": "Thẩm định hồ sơ %s", "startedAt": "2026-11-24T08:30:05+07:00", "dueAt": "2026-11-25T17:00:00+07:00"}}
                """.formatted(eventId, 5000 + dossier, padding);
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

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
