package vn.lienthong.gateway.operations;

import java.time.Clock;
import java.time.Instant;

/**
 * One connector's calls as the gateway made them (its Kamelet routes): totals, the last five minutes in
 * ten-second buckets (error rate), the last call's latency, the last error and when it happened.
 */
final class ConnectorCalls {

    static final int BUCKET_SECONDS = 10;
    static final int BUCKETS = 30;

    private final Clock clock;
    private final long[] bucketStart = new long[BUCKETS];
    private final int[] calls = new int[BUCKETS];
    private final int[] failures = new int[BUCKETS];
    private final long[] latencyMillis = new long[BUCKETS];
    private long total;
    private long failed;
    private long lastLatencyMillis = -1;
    private String lastError;
    private Instant lastErrorAt;
    private Instant lastCallAt;

    ConnectorCalls(Clock clock) {
        this.clock = clock;
    }

    synchronized void record(boolean failure, long millis, String error) {
        Instant now = clock.instant();
        long bucket = now.getEpochSecond() / BUCKET_SECONDS;
        int slot = (int) (bucket % BUCKETS);
        if (bucketStart[slot] != bucket) {
            bucketStart[slot] = bucket;
            calls[slot] = 0;
            failures[slot] = 0;
            latencyMillis[slot] = 0;
        }
        calls[slot]++;
        latencyMillis[slot] += millis;
        total++;
        lastLatencyMillis = millis;
        lastCallAt = now;
        if (failure) {
            failures[slot]++;
            failed++;
            lastError = error;
            lastErrorAt = now;
        }
    }

    /** The figures now: the window counts only buckets younger than five minutes. */
    synchronized Snapshot snapshot() {
        long current = clock.instant().getEpochSecond() / BUCKET_SECONDS;
        int windowCalls = 0;
        int windowFailures = 0;
        long windowLatency = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (current - bucketStart[i] < BUCKETS) {
                windowCalls += calls[i];
                windowFailures += failures[i];
                windowLatency += latencyMillis[i];
            }
        }
        return new Snapshot(total, failed, windowCalls, windowFailures,
                windowCalls == 0 ? 0.0 : (double) windowFailures / windowCalls,
                windowCalls == 0 ? -1 : windowLatency / windowCalls, lastLatencyMillis, lastCallAt, lastError, lastErrorAt);
    }

    record Snapshot(long calls, long failures, int callsLast5m, int failuresLast5m, double errorRateLast5m,
                    long meanLatencyMsLast5m, long lastLatencyMs, Instant lastCallAt, String lastError, Instant lastErrorAt) {
    }
}
