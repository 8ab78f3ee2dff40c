package vn.lienthong.gateway.yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reading a YAML file an integrator edits (the partner file, the document type and procedure catalogues)
 * node by node, so that every mistake is reported with its line: each check throws the exception
 * the caller's {@link Failure} makes from a line and a reason.
 */
public final class YamlNodes {

    /** Makes the exception for a mistake at a line (0 when no line applies). */
    @FunctionalInterface
    public interface Failure {
        RuntimeException at(int line, String reason);
    }

    private final Failure failure;
    private final UnaryOperator<String> values;

    public YamlNodes(Failure failure) {
        this(failure, UnaryOperator.identity());
    }

    /**
     * {@code values} rewrites every scalar read (for example resolving {@code ${...}} placeholders);
     * an IllegalArgumentException from it is a mistake at the scalar's line.
     */
    public YamlNodes(Failure failure, UnaryOperator<String> values) {
        this.failure = failure;
        this.values = values;
    }

    /** The file's node tree; {@code what} names the file in the reason ("the procedure catalogue"). */
    public Node compose(Path path, String what) {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return new Yaml(new LoaderOptions()).compose(reader);
        } catch (IOException e) {
            throw failure.at(0, "cannot read " + what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw failure.at(0, "not valid YAML: " + e.getMessage());
        }
    }

    /** A mapping's fields by name; a field not in {@code allowed}, or given twice, is a mistake; {@code shape} says what was expected instead of a non-mapping. */
    public Map<String, Node> fields(Node node, Set<String> allowed, String shape) {
        if (!(node instanceof MappingNode map)) {
            throw failure.at(line(node), shape);
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode(), "key");
            if (!allowed.contains(key)) {
                throw failure.at(line(tuple.getKeyNode()), "unknown field '" + key + "' (expected one of " + new TreeSet<>(allowed) + ")");
            }
            if (fields.put(key, tuple.getValueNode()) != null) {
                throw failure.at(line(tuple.getKeyNode()), "field '" + key + "' appears twice");
            }
        }
        return fields;
    }

    /**
     * The named entries of a file whose root has one field, {@code field}, a mapping from name to entry
     * ({@code codes: {CIVIL_RECORD_NOT_FOUND: {...}}}): key node and value node of each; none for an empty file or field.
     * {@code what} says what the mapping holds, for the reason when it is not one.
     */
    public List<NodeTuple> namedEntries(Node root, String field, String what) {
        if (root == null) {
            return List.of();
        }
        Node entries = fields(root, Set.of(field), "the file is a mapping with one field, " + field).get(field);
        if (entries == null || (entries instanceof ScalarNode scalar && scalar.getValue().isEmpty())) {
            return List.of();
        }
        if (!(entries instanceof MappingNode map)) {
            throw failure.at(line(entries), field + " must be a mapping of " + what);
        }
        return map.getValue();
    }

    public String required(Node owner, Map<String, Node> fields, String key) {
        Node node = fields.get(key);
        if (node == null) {
            throw failure.at(line(owner), "'" + key + "' is missing");
        }
        String value = scalar(node, key);
        if (value.isBlank()) {
            throw failure.at(line(node), "'" + key + "' is empty");
        }
        return value;
    }

    public List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        throw failure.at(line(node), what + " must be a list");
    }

    public String scalar(Node node, String what) {
        if (node instanceof ScalarNode s) {
            String value = s.getValue().strip();
            try {
                return values.apply(value);
            } catch (IllegalArgumentException e) {
                throw failure.at(line(node), "cannot resolve " + value + ": " + e.getMessage());
            }
        }
        throw failure.at(line(node), what + " must be a single value");
    }

    /** The node's line, counted from 1; 0 when unknown. */
    public static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
