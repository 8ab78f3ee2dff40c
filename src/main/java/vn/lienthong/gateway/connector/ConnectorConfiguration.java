package vn.lienthong.gateway.connector;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.component.kamelet.KameletComponent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Connectors are Kamelets in the connectors folder (gateway.connectors-location): Camel reads them
 * from there, and each one gets a health contributor under {@code /actuator/health/connectors}.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectorConfiguration {

    @Bean("kamelet")
    KameletComponent kameletComponent(@Value("${gateway.connectors-location}") String folder) {
        KameletComponent kamelet = new KameletComponent();
        kamelet.setLocation("file:" + folder);
        return kamelet;
    }

    @Bean("connectors")
    HealthContributor connectorHealth(@Value("${gateway.connectors-location}") String folder,
                                      @Value("${gateway.connector-probe-timeout:2s}") Duration timeout,
                                      Environment env) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        Map<String, HealthContributor> byName = new LinkedHashMap<>();
        for (ConnectorCatalog.Connector connector : ConnectorCatalog.load(Path.of(folder), env)) {
            byName.put(connector.name(), new ConnectorHealthIndicator(connector, http, timeout));
        }
        return CompositeHealthContributor.fromMap(byName);
    }
}
