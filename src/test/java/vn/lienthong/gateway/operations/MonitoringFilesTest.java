package vn.lienthong.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The alert rules and the Grafana dashboard shipped in docker/ are provisioned by the compose stack, and read the
 * gateway's outcome series (whether each series is really exported: OperationsViewIT#everySeriesTheAlertsAndTheDashboardReadIsExported).
 */
class MonitoringFilesTest {

    static final Path DOCKER = Path.of("docker");
    private static final Pattern SERIES = Pattern.compile("\\bgateway_[a-z_]+");

    @Test
    void prometheusLoadsTheRulesComposeMountsAndGrafanaIsProvisionedWithTheDashboard() throws IOException {
        Map<String, Object> compose = yaml(DOCKER.resolve("compose.yaml"));
        Map<String, Object> services = map(compose.get("services"));
        List<Object> prometheusVolumes = list(map(services.get("prometheus")).get("volumes"));
        List<Object> ruleFiles = list(yaml(DOCKER.resolve("prometheus.yml")).get("rule_files"));
        assertThat(ruleFiles).hasSize(1);
        assertThat(prometheusVolumes).contains("./prometheus-rules.yml:" + ruleFiles.get(0) + ":ro");
        assertThat(list(yaml(DOCKER.resolve("prometheus-rules.yml")).get("groups"))).isNotEmpty();

        Map<String, Object> grafana = map(services.get("grafana"));
        List<Object> grafanaVolumes = list(grafana.get("volumes"));
        assertThat(grafanaVolumes).contains("./grafana/provisioning:/etc/grafana/provisioning:ro");
        String dashboardsPath = String.valueOf(map(map(list(yaml(DOCKER.resolve("grafana/provisioning/dashboards/dashboards.yaml"))
                .get("providers")).get(0)).get("options")).get("path"));
        assertThat(grafanaVolumes).contains("./grafana/dashboards:" + dashboardsPath + ":ro");
        Map<String, Object> datasource = map(list(yaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml")).get("datasources")).get(0));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        JsonNode dashboard = new ObjectMapper().readTree(DOCKER.resolve("grafana/dashboards/gateway-operations.json").toFile());
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(datasource.get("uid"));
        }
        assertThat(map(compose.get("volumes"))).containsKey("grafana-data");
    }

    @Test
    void theAlertsAndTheDashboardCoverEveryOutcome() throws IOException {
        String rules = Files.readString(DOCKER.resolve("prometheus-rules.yml"));
        for (String outcome : List.of("unavailable", "internal_error", "refused")) {
            assertThat(rules).contains("outcome=\"" + outcome + "\"");
        }
        assertThat(series()).contains("gateway_connector_up", "gateway_connector_circuit_open", "gateway_connector_calls_total",
                "gateway_route_outcomes_total", "gateway_dead_letters", "gateway_dead_letters_added_total");
    }

    /** Every gateway series the rules and the dashboard read. */
    static Set<String> series() throws IOException {
        Set<String> series = new TreeSet<>();
        for (String file : List.of("prometheus-rules.yml", "grafana/dashboards/gateway-operations.json")) {
            String text = Files.readString(DOCKER.resolve(file));
            // the comment block of the rules file names them too: read only the expressions
            if (file.endsWith(".yml")) {
                StringBuilder expressions = new StringBuilder();
                for (Object group : list(yaml(DOCKER.resolve(file)).get("groups"))) {
                    for (Object rule : list(map(group).get("rules"))) {
                        expressions.append(map(rule).get("expr")).append('\n');
                    }
                }
                text = expressions.toString();
            } else {
                StringBuilder expressions = new StringBuilder();
                new ObjectMapper().readTree(text).path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.append(t.path("expr").asText()).append('\n')));
                text = expressions.toString();
            }
            Matcher matcher = SERIES.matcher(text);
            while (matcher.find()) {
                series.add(matcher.group());
            }
        }
        return series;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
