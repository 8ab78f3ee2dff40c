package vn.lienthong.gateway.production;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.connector.ConnectorCatalog;
import vn.lienthong.gateway.connector.KameletSettings;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/add-a-national-system.md promises a province: a connector's settings written in a configuration file
 * outside the jar (here named by spring.config.additional-location, as SPRING_CONFIG_ADDITIONALLOCATION would) reach
 * both the connector's health entry (ConnectorCatalog) and Camel, which resolves the Kamelet's parameters from them
 * (KameletSettings), with an environment variable referenced from the file by a placeholder.
 */
class ExternalConfigDirectoryTest {

    @Test
    void aConnectorsSettingsInAFileOutsideTheJarReachTheHealthEntryAndCamel(@TempDir Path province) throws Exception {
        Files.writeString(province.resolve("application.yaml"), """
                camel:
                  kamelet:
                    civil-status-action:
                      baseUrl: ${CIVIL_STATUS_URL}
                      lookupPath: /hotich/tra-cuu
                """);
        try (ConfigurableApplicationContext context = ProductionProfileTest.start(Map.of(
                "SPRING_CONFIG_ADDITIONALLOCATION", "file:" + province + "/",
                "CIVIL_STATUS_URL", "https://lgsp.example.gov.vn/hotich/1.0"))) {
            ConfigurableEnvironment env = context.getEnvironment();

            List<ConnectorCatalog.Connector> connectors = ConnectorCatalog.load(Path.of("connectors"), env);
            ConnectorCatalog.Connector civilStatus = connectors.stream().filter(c -> c.name().equals("civil-status-action")).findFirst().orElseThrow();
            assertThat(civilStatus.baseUrl()).isEqualTo("https://lgsp.example.gov.vn/hotich/1.0");
            assertThat(civilStatus.settings()).containsEntry("lookupPath", "/hotich/tra-cuu")
                    // a setting the file does not name keeps the jar's configuration (its CIVIL_STATUS_* default) or the Kamelet's default
                    .containsEntry("notFoundCode", "1");

            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                new KameletSettings(env).beforeApplicationStart(camel);
                assertThat(camel.getPropertiesComponent().resolveProperty("camel.kamelet.civil-status-action.baseUrl"))
                        .contains("https://lgsp.example.gov.vn/hotich/1.0");
                assertThat(camel.getPropertiesComponent().resolveProperty("camel.kamelet.civil-status-action.lookupPath"))
                        .contains("/hotich/tra-cuu");
            }
        }
    }
}
