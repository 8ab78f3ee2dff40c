package vn.lienthong.gateway.edata;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The document types the store accepts, read from a YAML file an integrator edits
 * ({@code gateway.edata.document-types-file}, {@code mappings/document-types.yaml}). A malformed
 * file stops start-up with the file, the line and the reason, as the partner file does: a typo
 * found at 3 a.m. by a refused deposit is worse than one found at start.
 */
public final class DocumentTypeCatalog {

    /** Letters, digits, dots, hyphens and underscores, as MaKetQua codes are written (e.g. KQ.G22.000001). */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Set<String> FIELDS = Set.of("code", "name", "ownerTypes", "defaultValidityYears");

    private final Map<String, DocumentType> byCode;

    public DocumentTypeCatalog(Collection<DocumentType> types) {
        Map<String, DocumentType> map = new LinkedHashMap<>();
        for (DocumentType type : types) {
            map.put(type.code(), type);
        }
        this.byCode = Map.copyOf(map);
    }

    public static DocumentTypeCatalog load(Path file) {
        return new Parser(file.toString()).parse(file);
    }

    public Optional<DocumentType> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    public Collection<DocumentType> types() {
        return byCode.values();
    }

    /** Reads one catalogue file, remembering its name for the error messages. */
    private static final class Parser {
        private final String file;

        Parser(String file) {
            this.file = file;
        }

        DocumentTypeCatalog parse(Path path) {
            Node root;
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                root = new Yaml(new LoaderOptions()).compose(reader);
            } catch (IOException e) {
                throw new DocumentTypeFileException(file, 0, "cannot read the document type catalogue: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new DocumentTypeFileException(file, 0, "not valid YAML: " + e.getMessage());
            }
            if (!(root instanceof MappingNode top) || top.getValue().size() != 1
                    || !"documentTypes".equals(scalar(top.getValue().get(0).getKeyNode(), "key"))) {
                throw new DocumentTypeFileException(file, root == null ? 1 : line(root), "expected a single top-level 'documentTypes:' list");
            }
            Node list = top.getValue().get(0).getValueNode();
            if (!(list instanceof SequenceNode sequence)) {
                throw new DocumentTypeFileException(file, line(list), "'documentTypes:' must be a list");
            }
            Map<String, DocumentType> types = new LinkedHashMap<>();
            for (Node item : sequence.getValue()) {
                DocumentType type = readType(item);
                if (types.put(type.code(), type) != null) {
                    throw new DocumentTypeFileException(file, line(item), "code '" + type.code() + "' appears twice");
                }
            }
            if (types.isEmpty()) {
                throw new DocumentTypeFileException(file, line(list), "no document type defined: the store would refuse every deposit");
            }
            return new DocumentTypeCatalog(types.values());
        }

        private DocumentType readType(Node node) {
            if (!(node instanceof MappingNode map)) {
                throw new DocumentTypeFileException(file, line(node), "each document type is a mapping with code, name, ownerTypes, defaultValidityYears");
            }
            Map<String, Node> f = new LinkedHashMap<>();
            for (NodeTuple tuple : map.getValue()) {
                String key = scalar(tuple.getKeyNode(), "key");
                if (!FIELDS.contains(key)) {
                    throw new DocumentTypeFileException(file, line(tuple.getKeyNode()), "unknown field '" + key + "' (expected one of " + new TreeSet<>(FIELDS) + ")");
                }
                f.put(key, tuple.getValueNode());
            }
            String code = required(node, f, "code");
            if (!CODE.matcher(code).matches()) {
                throw new DocumentTypeFileException(file, line(f.get("code")), "code '" + code + "' must be letters, digits, '.', '-' or '_' (at most 32)");
            }
            String name = required(node, f, "name");
            if (!f.containsKey("ownerTypes")) {
                throw new DocumentTypeFileException(file, line(node), "'ownerTypes' is missing for '" + code + "' (CITIZEN, ENTERPRISE or both)");
            }
            Set<OwnerType> owners = EnumSet.noneOf(OwnerType.class);
            for (Node o : sequence(f.get("ownerTypes"), "ownerTypes")) {
                String value = scalar(o, "owner type");
                try {
                    owners.add(OwnerType.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new DocumentTypeFileException(file, line(o), "owner type '" + value + "' must be CITIZEN or ENTERPRISE");
                }
            }
            if (owners.isEmpty()) {
                throw new DocumentTypeFileException(file, line(f.get("ownerTypes")), "'ownerTypes' of '" + code + "' is empty");
            }
            Integer years = null;
            Node validity = f.get("defaultValidityYears");
            if (validity != null) {
                String value = scalar(validity, "defaultValidityYears");
                if (!value.equals("none") && !value.equals("~") && !value.isEmpty() && !value.equals("null")) {
                    try {
                        years = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        years = -1;
                    }
                    if (years < 1 || years > 100) {
                        throw new DocumentTypeFileException(file, line(validity), "defaultValidityYears of '" + code + "' must be a whole number of years from 1 to 100, or none");
                    }
                }
            }
            return new DocumentType(code, name, owners, years);
        }

        private String required(Node owner, Map<String, Node> fields, String key) {
            Node node = fields.get(key);
            if (node == null) {
                throw new DocumentTypeFileException(file, line(owner), "'" + key + "' is missing");
            }
            String value = scalar(node, key);
            if (value.isBlank()) {
                throw new DocumentTypeFileException(file, line(node), "'" + key + "' is empty");
            }
            return value;
        }

        private List<Node> sequence(Node node, String what) {
            if (node instanceof SequenceNode seq) {
                return seq.getValue();
            }
            throw new DocumentTypeFileException(file, line(node), what + " must be a list");
        }

        private String scalar(Node node, String what) {
            if (node instanceof ScalarNode s) {
                return s.getValue().strip();
            }
            throw new DocumentTypeFileException(file, node == null ? 0 : line(node), what + " must be a single value");
        }

        private int line(Node node) {
            return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        }
    }
}
