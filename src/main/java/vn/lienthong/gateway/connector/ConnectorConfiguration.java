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
            byName.put(connector.name(), connector.sftp() ? sftpHealth(connector, timeout) : new ConnectorHealthIndicator(connector, http, timeout));
        }
        return CompositeHealthContributor.fromMap(byName);
    }

    /** An SFTP source connector's health: a real probe of its server with its own settings (connect, host key, login, list the inbox). */
    private static HealthContributor sftpHealth(ConnectorCatalog.Connector connector, Duration timeout) {
        Map<String, String> s = connector.settings();
        SftpProbe.Settings settings = new SftpProbe.Settings(s.get("host"), Integer.parseInt(s.getOrDefault("port", "22")), s.get("username"),
                s.get("privateKeyFile"), s.get("knownHostsFile"), s.getOrDefault("directory", "."),
                (int) Math.max(timeout.toMillis(), Long.parseLong(s.getOrDefault("connectTimeoutMillis", "0"))));
        return new SftpHealthIndicator(connector.title(), settings, Boolean.parseBoolean(s.getOrDefault("enabled", "true")), Duration.ofSeconds(10));
    }
}
