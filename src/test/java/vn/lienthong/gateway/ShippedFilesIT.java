package vn.lienthong.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway boots with the routes/ and connectors/ files shipped in the repository, not with copies. */
class ShippedFilesIT extends GatewayTestSupport {

    @Autowired
    CamelContext camel;

    @Test
    void everyRouteOfTheShippedRouteFilesIsRunning() throws IOException {
        Set<String> declared = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                List<Map<String, Object>> items = new Yaml().load(Files.readString(file));
                for (Map<String, Object> item : items) {
                    if (item.get("route") instanceof Map<?, ?> route) {
                        declared.add((String) route.get("id"));
                    }
                }
            }
        }
        assertThat(declared).isNotEmpty();
        Set<String> running = new HashSet<>();
        for (Route route : camel.getRoutes()) {
            running.add(route.getRouteId());
        }
        assertThat(running).containsAll(declared);
        assertThat(camel.getRoute("citizen-lookup").getSourceLocation()).contains("routes/citizen-lookup.camel.yaml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPartnerApiRouteEndsByRecordingItsExchange() throws IOException {
        int checked = 0;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                List<Map<String, Object>> items = new Yaml().load(Files.readString(file));
                for (Map<String, Object> item : items) {
                    if (item.get("route") instanceof Map<?, ?> route && "partner-api".equals(route.get("routeConfigurationId"))) {
                        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) route.get("from")).get("steps");
                        // recorded by the route's own last step, or by the partner-api configuration's completion
                        Map<String, Object> last = (Map<String, Object>) steps.get(steps.size() - 1).get("bean");
                        boolean ownStep = last != null && "exchangeLog".equals(last.get("ref")) && "inbound".equals(last.get("method"));
                        assertThat(ownStep || Files.readString(Path.of("routes/partner-api.camel.yaml")).contains("method: inbound"))
                                .as(file + ": route " + route.get("id") + " must have its exchange recorded").isTrue();
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isPositive();
    }

    @Test
    void theConnectorKameletComesFromTheConnectorsFolder() {
        Route kamelet = camel.getRoutes().stream()
                .filter(r -> r.getRouteId().startsWith("population-registry-action"))
                .findFirst().orElseThrow();
        assertThat(kamelet.getSourceLocation()).contains("connectors/population-registry-action.kamelet.yaml");
    }
}
