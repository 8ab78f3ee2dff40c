package vn.lienthong.gateway.bench;

/**
 * A flow the benchmark measures: the same business call made directly against the back-end
 * (the baseline) and through the gateway. Add a flow by writing a factory
 * {@code static Scenario create(BenchEnvironment env)} (see {@link CitizenLookupScenario}) and
 * listing it in {@link GatewayBenchmark#SCENARIOS}.
 *
 * @param maxP99OverheadMs   the target for the gateway's p99 above the baseline's at half load
 * @param minThroughputRatio the target for the gateway's peak throughput over the baseline's; 0 when
 *                           the flow has no such target (the gateway does more than one baseline call)
 * @param after              run once the flow has been measured (whether or not it succeeded), before the next flow
 */
public record Scenario(String name, Target direct, Target gateway, double maxP99OverheadMs, double minThroughputRatio, Runnable after) {

    public Scenario(String name, Target direct, Target gateway, double maxP99OverheadMs, double minThroughputRatio) {
        this(name, direct, gateway, maxP99OverheadMs, minThroughputRatio, () -> { });
    }

    /** A flow with the benchmark's default targets. */
    public Scenario(String name, Target direct, Target gateway) {
        this(name, direct, gateway, GatewayBenchmark.MAX_P99_OVERHEAD_MS, GatewayBenchmark.MIN_THROUGHPUT_RATIO);
    }

    /** This flow, with {@code after} run once it has been measured: it undoes what its targets switched on the running gateway. */
    public Scenario andAfter(Runnable undo) {
        return new Scenario(name, direct, gateway, maxP99OverheadMs, minThroughputRatio, undo);
    }
}
