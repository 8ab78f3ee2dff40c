package vn.lienthong.gateway.files;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * Route files and connectors (Kamelets) read through Camel's own routes loader, one file at a time, so that a mistake
 * is the mistake of that file alone: used at start and on reload by {@link RouteFiles}, and by the {@code validate}
 * command on a context that is never started.
 */
public final class CamelFiles {

    public static final String ROUTE_SUFFIX = ".camel.yaml";
    public static final String KAMELET_SUFFIX = ".kamelet.yaml";

    private CamelFiles() {
    }

    /** The files of a folder ending with {@code suffix}, in name order (none when the folder does not exist). */
    public static List<Path> list(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + folder, e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BrokenFileException(new FileProblem(file.toString(), 0, "cannot read the file: " + e.getMessage()));
        }
    }

    /**
     * The route builders of one file's content, checked (a copy of them configured: the YAML DSL parsed into route
     * definitions) and handed back not yet configured nor added to the context; a {@link BrokenFileException} with the
     * file, the line and the reason when it does not parse.
     */
    public static List<RoutesBuilder> parse(CamelContext camel, Path file, byte[] content) {
        String name = file.toString();
        try {
            // The YAML DSL reports a mistake (with its line) only when a builder is configured, so a first copy is
            // configured here and thrown away. The builders handed back are fresh: a YAML builder configured before the
            // route configurations are in the context gave its routes none of them (the dossier routes ran with
            // Camel's default error handler: refusals were not retried, API errors answered 500).
            for (RoutesBuilder builder : load(camel, name, content)) {
                if (builder instanceof RouteBuilder routes) {
                    routes.configureRoutes(camel);
                }
            }
            return new ArrayList<>(load(camel, name, content));
        } catch (Exception e) {
            throw new BrokenFileException(FileProblem.of(name, e));
        }
    }

    private static Collection<RoutesBuilder> load(CamelContext camel, String name, byte[] content) throws Exception {
        return PluginHelper.getRoutesLoader(camel).findRoutesBuilders(List.of(ResourceHelper.fromBytes("file:" + name, content)));
    }

    /**
     * Checks a connector file as the kamelet component will read it (YAML, {@code kind: Kamelet}, a
     * {@code metadata.name} equal to the file's name, a template that starts {@code from} somewhere), then has Camel
     * load it as a route template into {@code camel}. A {@link BrokenFileException} naming the file otherwise.
     */
    public static void loadKamelet(CamelContext camel, Path file) {
        String name = file.toString();
        byte[] content = read(file);
        YamlNodes yaml = new YamlNodes((line, reason) -> new BrokenFileException(new FileProblem(name, line, reason)));
        Node root;
        try (Reader reader = new StringReader(new String(content, java.nio.charset.StandardCharsets.UTF_8))) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (IOException | RuntimeException e) {
            throw new BrokenFileException(FileProblem.of(name, e));
        }
        if (!(root instanceof MappingNode)) {
            throw new BrokenFileException(new FileProblem(name, root == null ? 1 : YamlNodes.line(root), "a connector is a Kamelet: expected 'kind: Kamelet', 'metadata:' and 'spec:'"));
        }
        Map<String, Node> top = fields(root);
        Node kind = top.get("kind");
        if (kind == null || !"Kamelet".equals(yaml.scalar(kind, "kind"))) {
            throw new BrokenFileException(new FileProblem(name, kind == null ? 1 : YamlNodes.line(kind), "'kind: Kamelet' is missing"));
        }
        String expected = file.getFileName().toString();
        expected = expected.substring(0, expected.length() - KAMELET_SUFFIX.length());
        Node metadata = top.get("metadata");
        Node metadataName = metadata instanceof MappingNode ? fields(metadata).get("name") : null;
        if (metadataName == null) {
            throw new BrokenFileException(new FileProblem(name, metadata == null ? 1 : YamlNodes.line(metadata), "'metadata: name:' is missing"));
        }
        String declared = yaml.scalar(metadataName, "metadata.name");
        if (!declared.equals(expected)) {
            throw new BrokenFileException(new FileProblem(name, YamlNodes.line(metadataName),
                    "metadata.name '" + declared + "' must be the file's name '" + expected + "' (routes call it as kamelet:" + expected + ")"));
        }
        Node spec = top.get("spec");
        Map<String, Node> specFields = spec instanceof MappingNode ? fields(spec) : Map.of();
        Node template = specFields.containsKey("template") ? specFields.get("template") : specFields.get("flow");
        if (template == null) {
            throw new BrokenFileException(new FileProblem(name, spec == null ? 1 : YamlNodes.line(spec), "'spec: template:' is missing: the connector does nothing"));
        }
        if (!(template instanceof MappingNode) || !fields(template).containsKey("from")) {
            throw new BrokenFileException(new FileProblem(name, YamlNodes.line(template), "the template must start with 'from:'"));
        }
        for (RoutesBuilder builder : parse(camel, file, content)) {
            try {
                camel.addRoutes(builder);
            } catch (Exception e) {
                throw new BrokenFileException(FileProblem.of(name, e));
            }
        }
    }

    private static Map<String, Node> fields(Node node) {
        Map<String, Node> fields = new java.util.LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                fields.put(key.getValue(), tuple.getValueNode());
            }
        }
        return fields;
    }
}
