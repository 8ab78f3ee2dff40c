package vn.lienthong.gateway.bench;

import vn.lienthong.gateway.security.ExchangeLog;

/**
 * What the message log costs per exchange: the same citizen look-up through the gateway with the
 * log off (the baseline) and on, in the same run and the same JVM. The log is switched on the
 * running gateway ({@link ExchangeLog#setEnabled}) as each round's target builds its requests;
 * rounds alternate ABBA, so the switch happens only between rounds.
 */
final class MessageLogCostScenario {

    private MessageLogCostScenario() {
    }

    static Scenario create(BenchEnvironment env) throws Exception {
        Target lookup = CitizenLookupScenario.create(env).gateway();
        ExchangeLog log = env.context().getBean(ExchangeLog.class);
        Target off = new Target("log-off", seq -> {
            log.setEnabled(false);
            return lookup.request().apply(seq);
        }, lookup.check());
        Target on = new Target("log-on", seq -> {
            log.setEnabled(true);
            return lookup.request().apply(seq);
        }, lookup.check());
        // its last round is "off" (ABBA): every later flow is measured with the log on, as the gateway runs
        return new Scenario("message-log-cost", off, on).andAfter(() -> log.setEnabled(true));
    }
}
