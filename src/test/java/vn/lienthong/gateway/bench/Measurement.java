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
    /** CPU time this JVM used while the rounds of this measurement ran (gateway, simulators and load generator). */
    long cpuNanos;
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

    /**
     * This JVM's CPU time per answered request, in ms. Unlike cores / throughput it does not assume the
     * machine was this JVM's alone, so it stays meaningful when other processes compete for the CPUs.
     */
    double cpuPerRequestMillis() {
        return latencies.count() == 0 ? Double.NaN : cpuNanos / 1e6 / latencies.count();
    }

    double p50() {
        return latencies.percentileMillis(50);
    }

    double p99() {
        return latencies.percentileMillis(99);
    }
}
