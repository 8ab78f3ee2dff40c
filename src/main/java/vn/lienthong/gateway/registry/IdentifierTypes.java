package vn.lienthong.gateway.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.CodedError;
import vn.lienthong.gateway.api.ErrorCatalogue;
import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * The route step that validates an identifier by its named type:
 * {@code - bean: {ref: identifiers, method: "require('personal-id', ${header.id})"}} (the canonical identifier becomes
 * the body), or as an expression ({@code setProperty: {name: number, method: "identifiers.require(...)"}}).
 * A value that is not of the type is refused with the type's error code (400 and its sentence, from the error-code
 * catalogue) before anything is called.
 * <p>
 * Built-in types, whose rules need more than a pattern: {@code personal-id} (12-digit personal identification number
 * with a province code and a possible birth year, or a 9-digit old identity card), {@code enterprise-code},
 * {@code social-insurance-number}, {@code land-certificate}. Integrators add types in {@code gateway.identifier-types.file}
 * (default {@code mappings/identifier-types.yaml}):
 * <pre>
 * types:
 *   civil-registration-number:
 *     pattern: "HT\d{8}"                       # the whole value must match (Java regex)
 *     code: CIVIL_REGISTRATION_NUMBER_INVALID  # a 4xx code of the error-code catalogue
 *     mask: {first: 2, last: 2}                # optional (default 3 and 3): how much the logs keep of it
 * </pre>
 * Every identifier of a file type is masked in the logs by its pattern ({@link Masking}).
 */
@Component("identifiers")
public class IdentifierTypes {

    private static final Logger LOG = LoggerFactory.getLogger(IdentifierTypes.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,63}");
    private static final Map<String, UnaryOperator<String>> BUILT_IN = Map.of(
            "personal-id", raw -> CitizenId.parse(raw).value(),
            "enterprise-code", raw -> EnterpriseCode.parse(raw).value(),
            "social-insurance-number", raw -> SocialInsuranceNumber.parse(raw).value(),
            "land-certificate", raw -> LandParcelKey.certificate(raw).certificateNumber());

    /** A type from the file: the value must match {@code pattern} whole, else {@code refusal}. */
    record FileType(String name, Pattern pattern, CodedError refusal, int first, int last) {
    }

    private final Map<String, FileType> types;

    public IdentifierTypes(ErrorCatalogue errors, @Value("${gateway.identifier-types.file:mappings/identifier-types.yaml}") String file) {
        Path path = Path.of(file);
        this.types = Files.exists(path) ? read(path, errors) : Map.of();
        types.values().forEach(t -> Masking.register(t.name(), t.pattern().pattern(), t.first(), t.last()));
        LOG.info("Identifier types: {} built-in, {} from {}", BUILT_IN.size(), types.size(), path);
    }

    /**
     * The identifier {@code value} of type {@code type}, in its canonical form (stripped; a built-in type's own form, e.g.
     * an enterprise branch with its hyphen). Refused with the type's code when it is not one; a type nobody defined is a
     * mistake in the route (500).
     */
    public String require(String type, String value) {
        UnaryOperator<String> builtIn = BUILT_IN.get(type);
        if (builtIn != null) {
            return builtIn.apply(value);
        }
        FileType fileType = types.get(type);
        if (fileType == null) {
            throw new IllegalArgumentException("A route validates an identifier of type '" + type + "', which is neither built in "
                    + BUILT_IN.keySet() + " nor in the identifier-type file");
        }
        String stripped = value == null ? "" : value.strip();
        if (!fileType.pattern().matcher(stripped).matches()) {
            throw new ApiException(fileType.refusal(), fileType.refusal().en());
        }
        return stripped;
    }

    /** Whether {@code type} is a type a route may name. */
    public boolean isKnown(String type) {
        return BUILT_IN.containsKey(type) || types.containsKey(type);
    }

    static Map<String, FileType> read(Path path, ErrorCatalogue errors) {
        String file = path.toString();
        YamlNodes yaml = new YamlNodes((line, reason) -> new IdentifierTypeFileException(file, line, reason));
        Node root = yaml.compose(path, "the identifier-type file");
        Map<String, FileType> types = new LinkedHashMap<>();
        for (NodeTuple tuple : yaml.namedEntries(root, "types", "type name to its pattern and code")) {
            String name = yaml.scalar(tuple.getKeyNode(), "type name");
            int line = YamlNodes.line(tuple.getKeyNode());
            if (!NAME.matcher(name).matches()) {
                throw new IdentifierTypeFileException(file, line, "type name '" + name + "' must be lower-case letters, digits and hyphens (e.g. civil-registration-number)");
            }
            if (BUILT_IN.containsKey(name)) {
                throw new IdentifierTypeFileException(file, line, "type '" + name + "' is a built-in type; choose another name");
            }
            Node entry = tuple.getValueNode();
            Map<String, Node> fields = yaml.fields(entry, Set.of("pattern", "code", "mask"), "type '" + name + "' needs pattern and code");
            String regex = yaml.required(entry, fields, "pattern");
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IdentifierTypeFileException(file, YamlNodes.line(fields.get("pattern")), "the pattern of '" + name + "' is not a regular expression: " + e.getDescription());
            }
            String code = yaml.required(entry, fields, "code");
            CodedError refusal = errors.find(code).orElseThrow(() -> new IdentifierTypeFileException(file, YamlNodes.line(fields.get("code")),
                    "code '" + code + "' is in no error-code catalogue (add it to mappings/error-codes.yaml)"));
            if (refusal.status() < 400 || refusal.status() > 499) {
                throw new IdentifierTypeFileException(file, YamlNodes.line(fields.get("code")), "code '" + code + "' must be a 4xx code: a malformed identifier is the caller's mistake");
            }
            int first = 3;
            int last = 3;
            if (fields.containsKey("mask")) {
                Map<String, Node> mask = yaml.fields(fields.get("mask"), Set.of("first", "last"), "mask is {first: <n>, last: <n>}");
                first = count(yaml, file, mask, "first", 3);
                last = count(yaml, file, mask, "last", 3);
            }
            if (types.put(name, new FileType(name, pattern, refusal, first, last)) != null) {
                throw new IdentifierTypeFileException(file, line, "type '" + name + "' appears twice");
            }
        }
        return Collections.unmodifiableMap(types);
    }

    private static int count(YamlNodes yaml, String file, Map<String, Node> mask, String key, int otherwise) {
        Node node = mask.get(key);
        if (node == null) {
            return otherwise;
        }
        String value = yaml.scalar(node, key);
        if (!value.matches("\\d{1,2}")) {
            throw new IdentifierTypeFileException(file, YamlNodes.line(node), "mask " + key + " is a number of characters kept, 0 to 99");
        }
        return Integer.parseInt(value);
    }
}
