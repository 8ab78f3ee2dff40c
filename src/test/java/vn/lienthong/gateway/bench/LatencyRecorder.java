package vn.lienthong.gateway.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Latencies (nanoseconds) and outcomes of one measurement. One instance per worker thread while
 * measuring (no sharing, no locks), merged afterwards with {@link #add}. A sorted {@code long[]}
 * is exact and small enough here (a few hundred thousand samples at most); HdrHistogram is only
 * a transitive runtime dependency of Micrometer, so the harness does not rely on it.
 */
final class LatencyRecorder {

    private long[] nanos = new long[4096];
    private int count;
    private long ok;
    private long errors;
    private final Map<String, Long> errorKinds = new TreeMap<>();
    private final Map<String, Long> slowestByKind = new TreeMap<>();
    private String firstError;
    private boolean sorted = true;

    void success(long latencyNanos) {
        ok++;
        record(latencyNanos);
    }

    /** A failed request (non-200, unexpected body, I/O error); its latency still counts. */
    void failure(long latencyNanos, String kind, String detail) {
        errors++;
        errorKinds.merge(kind, 1L, Long::sum);
        slowestByKind.merge(kind, latencyNanos, Math::max);
        if (firstError == null) {
            firstError = kind + (detail == null ? "" : ": " + detail);
        }
        record(latencyNanos);
    }

    private void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
        sorted = false;
    }

    void add(LatencyRecorder other) {
        if (count + other.count > nanos.length) {
            nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, count + other.count));
        }
        System.arraycopy(other.nanos, 0, nanos, count, other.count);
        count += other.count;
        sorted = false;
        ok += other.ok;
        errors += other.errors;
        other.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
        other.slowestByKind.forEach((k, v) -> slowestByKind.merge(k, v, Math::max));
        if (firstError == null) {
            firstError = other.firstError;
        }
    }

    long count() {
        return count;
    }

    long ok() {
        return ok;
    }

    long errors() {
        return errors;
    }

    double errorRate() {
        return count == 0 ? 0 : (double) errors / count;
    }

    Map<String, Long> errorKinds() {
        return errorKinds;
    }

    /** The slowest answer of each kind of failure ("HTTP 503", "HttpTimeoutException", ...), in milliseconds. */
    double slowestMillis(String kind) {
        return slowestByKind.getOrDefault(kind, 0L) / 1e6;
    }

    String firstError() {
        return firstError;
    }

    /** Nearest-rank percentile, in milliseconds; NaN when there are no samples. */
    double percentileMillis(double percentile) {
        if (count == 0) {
            return Double.NaN;
        }
        if (!sorted) {
            Arrays.sort(nanos, 0, count);
            sorted = true;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * count);
        return nanos[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }
}
