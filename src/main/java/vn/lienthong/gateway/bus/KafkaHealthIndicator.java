package vn.lienthong.gateway.bus;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/kafka}, when Kafka is configured: UP when the brokers answer, with the dossier
 * topics that do not exist yet listed under {@code missingTopics} (a broker that creates topics on first
 * use creates them with the first record; one that does not needs them created by its administrator,
 * or the outcomes wait on their Artemis queue).
 */
@Component("kafka")
@ConditionalOnProperty(name = "gateway.kafka.enabled", havingValue = "true")
public class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

    private static final int TIMEOUT_MS = 3000;

    private final Admin admin;
    private final String brokers;
    private final Set<String> topics;

    public KafkaHealthIndicator(@Value("${gateway.kafka.brokers}") String brokers,
                                @Value("${gateway.kafka.events-topic}") String eventsTopic,
                                @Value("${gateway.kafka.outcomes-topic}") String outcomesTopic) {
        super("Kafka health check failed");
        this.brokers = brokers;
        this.topics = Set.of(eventsTopic, outcomesTopic);
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
                AdminClientConfig.CLIENT_ID_CONFIG, "lienthong-gateway-health"));
    }

    @Override
    protected void doHealthCheck(Health.Builder health) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
        int nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS)).names().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        var missing = topics.stream().filter(t -> !existing.contains(t)).sorted().toList();
        health.up()
                .withDetail("brokers", brokers)
                .withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS))
                .withDetail("nodes", nodes)
                .withDetail("topics", topics.stream().sorted().toList())
                .withDetail("missingTopics", missing);
    }

    @Override
    public void destroy() {
        admin.close();
    }
}
