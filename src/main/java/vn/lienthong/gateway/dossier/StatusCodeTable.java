package vn.lienthong.gateway.dossier;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The province's local dossier statuses and the national TrangThaiHoSo each becomes
 * ({@code mappings/dossier-status-codes.yaml}, edited by the integrator). Read once at start; a
 * table that maps to anything but 1-10 stops the start with a sentence saying which entry.
 */
public final class StatusCodeTable {

    private final Map<String, Integer> statuses;

    private StatusCodeTable(Map<String, Integer> statuses) {
        this.statuses = Map.copyOf(statuses);
    }

    public static StatusCodeTable load(Path file) {
        Map<String, Object> yaml;
        try (InputStream in = Files.newInputStream(file)) {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the dossier status table " + file.toAbsolutePath(), e);
        }
        Object entries = yaml == null ? null : yaml.get("statuses");
        if (!(entries instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalStateException(file + " must have a 'statuses:' map of local status -> national status (1-10)");
        }
        Map<String, Integer> table = new LinkedHashMap<>();
        map.forEach((local, national) -> {
            if (!(national instanceof Integer code) || code < 1 || code > 10) {
                throw new IllegalStateException(file + ": local status '" + local + "' maps to '" + national
                        + "', but the national status is a number from 1 to 10");
            }
            table.put(String.valueOf(local), code);
        });
        return new StatusCodeTable(table);
    }

    public Optional<Integer> nationalStatus(String localStatus) {
        return Optional.ofNullable(localStatus == null ? null : statuses.get(localStatus));
    }

    public Map<String, Integer> entries() {
        return statuses;
    }
}
