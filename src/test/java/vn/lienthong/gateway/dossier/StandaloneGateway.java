package vn.lienthong.gateway.dossier;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.lienthong.gateway.GatewayTestSupport;

/**
 * The command line of a gateway of its own (not the shared test context) on its own data directory,
 * whose portal and iGate are the simulators of a {@link PortalHost} on {@code hostPort}: the settings
 * the restart, crash and outage tests share, each of which a test may override with {@link #with}.
 * One setting per name, so an override replaces (Spring would join two values of one name).
 */
final class StandaloneGateway {

    private final Map<String, Object> settings = new LinkedHashMap<>();

    private StandaloneGateway() {
    }

    static StandaloneGateway on(Path dataDir, int port, int hostPort) {
        StandaloneGateway gateway = new StandaloneGateway()
                .with("server.port", port)
                .with("gateway.data-dir", dataDir)
                .with("gateway.console.admin.password", "restart-test")
                .with("logging.level.root", "WARN")
                .with("spring.jmx.enabled", false)
                .with("camel.main.jmx-enabled", false)
                .with("gateway.sandbox.sftp.enabled", false)
                .with("gateway.intake.vnpost.enabled", false)
                .with("camel.kamelet.national-portal-action.baseUrl", "http://localhost:" + hostPort + "/sandbox/portal")
                .with("camel.kamelet.igate-action.baseUrl", "http://localhost:" + hostPort + "/sandbox/igate");
        GatewayTestSupport.dossierSyncProperties((name, value) -> {
            if (!name.endsWith(".timeoutMillis")) {
                gateway.with(name, value.get());
            }
        });
        // a call that times out may have reached the portal (its answer lost): that is the one way to a duplicate,
        // and not what these tests are about, so a slowed portal stays well inside the timeout on a busy machine
        return gateway.with("camel.kamelet.national-portal-action.timeoutMillis", 10000);
    }

    /** Kafka on, against the tests' KRaft broker, reading iGate's events from {@code topic} in consumer group {@code group}. */
    StandaloneGateway withKafka(String topic, String group) {
        return with("gateway.kafka.enabled", true)
                .with("gateway.kafka.brokers", KafkaTestBroker.shared().brokers())
                .with("gateway.kafka.events-topic", topic)
                .with("gateway.kafka.group-id", group)
                // the broker's least: a member that did not leave the group is replaced sooner than the default 45 s
                .with("camel.component.kafka.session-timeout-ms", 6000);
    }

    StandaloneGateway with(String name, Object value) {
        settings.put(name, value);
        return this;
    }

    List<String> arguments() {
        return settings.entrySet().stream().map(s -> "--" + s.getKey() + "=" + s.getValue()).toList();
    }

    String[] toArray() {
        return arguments().toArray(String[]::new);
    }
}
