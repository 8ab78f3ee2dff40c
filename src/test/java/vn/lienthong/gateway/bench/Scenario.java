package vn.lienthong.gateway.bench;

/**
 * A flow the benchmark measures: the same business call made directly against the back-end
 * (the baseline) and through the gateway. Add a flow by writing a factory
 * {@code static Scenario create(BenchEnvironment env)} (see {@link CitizenLookupScenario}) and
 * listing it in {@link GatewayBenchmark#SCENARIOS}.
 */
public record Scenario(String name, Target direct, Target gateway) {
}
