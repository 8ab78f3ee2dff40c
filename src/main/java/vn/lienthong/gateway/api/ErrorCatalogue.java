package vn.lienthong.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * The error codes a partner can see, with their HTTP status and sentences: the built-in codes (the jar's
 * {@code builtin-error-codes.yaml}, named in Java by {@link ErrorCode}) and the codes integrators add in
 * {@code gateway.error-codes.file} (default {@code mappings/error-codes.yaml}, same format):
 * <pre>
 * codes:
 *   CIVIL_RECORD_NOT_FOUND:
 *     status: 404
 *     vi: "Không tìm thấy ..."
 *     en: "No civil-status record ..."
 * </pre>
 * A code is upper case letters, digits and underscores; its status is 400–599; both sentences are required. A file code
 * that is also a built-in code is an error: a published code keeps its meaning.
 */
@Component("errorCatalogue")
public class ErrorCatalogue {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorCatalogue.class);
    private static final String BUILT_IN_RESOURCE = "builtin-error-codes.yaml";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,63}");
    private static final Set<String> FIELDS = Set.of("status", "vi", "en");

    private final Map<String, CodedError> added;

    public ErrorCatalogue(@Value("${gateway.error-codes.file:mappings/error-codes.yaml}") String file) {
        Path path = Path.of(file);
        if (Files.exists(path)) {
            this.added = read(path);
            LOG.info("Error-code catalogue {}: {} code(s) added to the {} built-in ones", path, added.size(), builtIn().size());
        } else {
            this.added = Map.of();
            LOG.info("No error-code catalogue at {}: the {} built-in codes only", path, builtIn().size());
        }
    }

    /** The code named {@code code}, built-in or added; empty when neither catalogue has it. */
    public Optional<CodedError> find(String code) {
        CodedError builtIn = builtIn().get(code);
        return Optional.ofNullable(builtIn != null ? builtIn : added.get(code));
    }

    /** The codes the integrator's file added. */
    public Map<String, CodedError> added() {
        return added;
    }

    /** The built-in codes, by name, as the jar's catalogue gives them. */
    public static Map<String, CodedError> builtIn() {
        return BuiltIn.CODES;
    }

    /** A built-in code's entry. */
    static CodedError builtIn(ErrorCode code) {
        CodedError error = BuiltIn.CODES.get(code.name());
        if (error == null) {
            throw new IllegalStateException("The built-in error-code catalogue has no " + code.name());
        }
        return error;
    }

    /** Reads an integrator's catalogue file: every mistake stops with {@code file:line: reason}. */
    public static Map<String, CodedError> read(Path path) {
        String file = path.toString();
        YamlNodes yaml = new YamlNodes((line, reason) -> new ErrorCodeFileException(file, line, reason));
        return parse(yaml.compose(path, "the error-code catalogue"), yaml, file, true);
    }

    private static Map<String, CodedError> parse(Node root, YamlNodes yaml, String file, boolean added) {
        Map<String, CodedError> codes = new LinkedHashMap<>();
        for (NodeTuple tuple : yaml.namedEntries(root, "codes", "code name to its status and sentences")) {
            String code = yaml.scalar(tuple.getKeyNode(), "code");
            int line = YamlNodes.line(tuple.getKeyNode());
            if (!CODE.matcher(code).matches()) {
                throw new ErrorCodeFileException(file, line, "code '" + code + "' must be upper-case letters, digits and underscores (e.g. CIVIL_RECORD_NOT_FOUND)");
            }
            if (added && builtIn().containsKey(code)) {
                throw new ErrorCodeFileException(file, line, "code '" + code + "' is a built-in code of the gateway; choose another name");
            }
            Node entry = tuple.getValueNode();
            Map<String, Node> fields = yaml.fields(entry, FIELDS, "code '" + code + "' needs status, vi and en");
            String statusText = yaml.required(entry, fields, "status");
            int status;
            try {
                status = Integer.parseInt(statusText);
            } catch (NumberFormatException e) {
                status = 0;
            }
            if (status < 400 || status > 599) {
                throw new ErrorCodeFileException(file, YamlNodes.line(fields.get("status")), "the status of '" + code + "' must be an HTTP error status, 400 to 599");
            }
            CodedError error = new CodedError(code, status, yaml.required(entry, fields, "vi"), yaml.required(entry, fields, "en"));
            if (codes.put(code, error) != null) {
                throw new ErrorCodeFileException(file, line, "code '" + code + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(codes);
    }

    /** The jar's catalogue, read once. */
    private static final class BuiltIn {
        static final Map<String, CodedError> CODES = load();

        private static Map<String, CodedError> load() {
            try (InputStream in = ErrorCatalogue.class.getClassLoader().getResourceAsStream(BUILT_IN_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(BUILT_IN_RESOURCE + " is missing from the class path");
                }
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                YamlNodes yaml = new YamlNodes((line, reason) -> new ErrorCodeFileException(BUILT_IN_RESOURCE, line, reason));
                return parse(new Yaml(new LoaderOptions()).compose(reader), yaml, BUILT_IN_RESOURCE, false);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + BUILT_IN_RESOURCE, e);
            }
        }
    }
}
