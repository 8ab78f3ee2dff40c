package vn.lienthong.gateway.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import vn.lienthong.gateway.files.BrokenFileException;
import vn.lienthong.gateway.files.FileProblem;
import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * The error-code catalogue ({@code mappings/error-codes.yaml}: {@code codes: {CODE: {status, vi, en}}}) checked line by
 * line: a code in capitals, an HTTP status from 400 to 599, a Vietnamese and an English sentence. Fields beyond these
 * are left to the catalogue's own loader.
 */
final class ErrorCodeFile {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]*");

    private ErrorCodeFile() {
    }

    static List<FileProblem> check(Path file) {
        List<FileProblem> problems = new ArrayList<>();
        YamlNodes yaml = new YamlNodes((line, reason) -> new BrokenFileException(new FileProblem(file.toString(), line, reason)));
        try {
            Node root = yaml.compose(file, "the error-code catalogue");
            Node codes = root instanceof MappingNode top ? fields(top).get("codes") : null;
            if (!(codes instanceof MappingNode list)) {
                return List.of(new FileProblem(file.toString(), root == null ? 1 : YamlNodes.line(root), "expected a top-level 'codes:' map of CODE: {status, vi, en}"));
            }
            for (NodeTuple entry : list.getValue()) {
                try {
                    String code = yaml.scalar(entry.getKeyNode(), "code");
                    if (!CODE.matcher(code).matches()) {
                        throw new BrokenFileException(new FileProblem(file.toString(), YamlNodes.line(entry.getKeyNode()), "code '" + code + "' must be capitals, digits and '_'"));
                    }
                    if (!(entry.getValueNode() instanceof MappingNode body)) {
                        throw new BrokenFileException(new FileProblem(file.toString(), YamlNodes.line(entry.getValueNode()), "code " + code + " must have status, vi and en"));
                    }
                    Map<String, Node> f = fields(body);
                    String status = yaml.required(body, f, "status");
                    int http;
                    try {
                        http = Integer.parseInt(status);
                    } catch (NumberFormatException e) {
                        http = 0;
                    }
                    if (http < 400 || http > 599) {
                        throw new BrokenFileException(new FileProblem(file.toString(), YamlNodes.line(f.get("status")), "status of " + code + " must be an HTTP error status (400-599), not '" + status + "'"));
                    }
                    yaml.required(body, f, "vi");
                    yaml.required(body, f, "en");
                } catch (BrokenFileException e) {
                    problems.add(e.problem());
                }
            }
        } catch (BrokenFileException e) {
            problems.add(e.problem());
        }
        return problems;
    }

    private static Map<String, Node> fields(MappingNode node) {
        Map<String, Node> fields = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key) {
                fields.put(key.getValue(), tuple.getValueNode());
            }
        }
        return fields;
    }
}
