package vn.lienthong.gateway.bench;

/**
 * The merged result of one phase against one target, possibly gathered over several
 * interleaved rounds: the outcomes and the wall-clock time spent generating the load.
 */
final class Measurement {

    final String target;
    final String phase;
    final LatencyRecorder latencies = new LatencyRecorder();
    private long elapsedNanos;
    /** Open loop only: the requested rate (req/s). */
    double offeredRate = Double.NaN;

    Measurement(String target, String phase) {
        this.target = target;
        this.phase = phase;
    }

    void add(LatencyRecorder round, long roundElapsedNanos) {
        latencies.add(round);
        elapsedNanos += roundElapsedNanos;
    }

    /** Successful answers per second of load generation (errors do not count as throughput). */
    double throughput() {
        return elapsedNanos == 0 ? 0 : latencies.ok() / (elapsedNanos / 1e9);
    }

    /** All answers per second (open loop: should be close to the offered rate). */
    double completedRate() {
        return elapsedNanos == 0 ? 0 : latencies.count() / (elapsedNanos / 1e9);
    }

    double p50() {
        return latencies.percentileMillis(50);
    }

    double p99() {
        return latencies.percentileMillis(99);
    }
}
