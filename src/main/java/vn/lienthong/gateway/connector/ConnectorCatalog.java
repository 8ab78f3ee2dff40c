package vn.lienthong.gateway.connector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.env.Environment;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The connectors an integrator has defined: one Kamelet file each in the connectors folder.
 * Read at start-up so that every connector gets its health check without Java changes.
 */
public final class ConnectorCatalog {

    /**
     * One connector: its Kamelet name, title, where its system is reached (HTTP: baseUrl), and every
     * property of the Kamelet as Camel resolves it (SFTP connectors: host, port, knownHostsFile, ...).
     */
    public record Connector(String name, String title, String baseUrl, String healthPath, Map<String, String> settings) {

        public Connector(String name, String title, String baseUrl, String healthPath) {
            this(name, title, baseUrl, healthPath, Map.of());
        }

        /** An SFTP source (a digitization partner's server): it has a known_hosts file. */
        public boolean sftp() {
            return settings.containsKey("knownHostsFile");
        }
    }

    private ConnectorCatalog() {
    }

    public static List<Connector> load(Path folder, Environment env) {
        List<Connector> connectors = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("Connector folder " + folder.toAbsolutePath() + " does not exist (gateway.connectors-location)");
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.kamelet.yaml")) {
            for (Path file : files) {
                try {
                    connectors.add(read(file, env));
                } catch (RuntimeException e) {
                    // a malformed connector has no health entry: vn.lienthong.gateway.files.RouteFiles reports it once, with its
                    // file and line, and lists it DOWN under /actuator/health/files; the other connectors keep theirs
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read connector folder " + folder.toAbsolutePath(), e);
        }
        connectors.sort((a, b) -> a.name().compareTo(b.name()));
        return connectors;
    }

    @SuppressWarnings("unchecked")
    private static Connector read(Path file, Environment env) throws IOException {
        Map<String, Object> kamelet;
        try (InputStream in = Files.newInputStream(file)) {
            kamelet = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Object> metadata = (Map<String, Object>) kamelet.get("metadata");
        Map<String, Object> definition = (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec")).get("definition");
        Map<String, Object> properties = (Map<String, Object>) definition.getOrDefault("properties", Map.of());
        String name = String.valueOf(metadata.get("name"));
        String title = String.valueOf(definition.getOrDefault("title", name));
        String baseUrl = setting(env, name, "baseUrl", properties);
        String healthPath = setting(env, name, "healthPath", properties);
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String property : properties.keySet()) {
            String value = setting(env, name, property, properties);
            if (value != null) {
                settings.put(property, value);
            }
        }
        return new Connector(name, title, baseUrl, healthPath == null ? "" : healthPath, java.util.Collections.unmodifiableMap(settings));
    }

    /** A Kamelet property as Camel resolves it: configuration first, then the Kamelet's default. */
    @SuppressWarnings("unchecked")
    private static String setting(Environment env, String kamelet, String property, Map<String, Object> properties) {
        String configured = env.getProperty("camel.kamelet." + kamelet + "." + property);
        if (configured != null) {
            return configured;
        }
        Object spec = properties.get(property);
        if (spec instanceof Map<?, ?> map && map.get("default") != null) {
            return String.valueOf(((Map<String, Object>) map).get("default"));
        }
        return null;
    }
}
