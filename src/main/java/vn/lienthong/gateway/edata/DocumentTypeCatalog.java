package vn.lienthong.gateway.edata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * The document types the store accepts, read from a YAML file an integrator edits
 * ({@code gateway.edata.document-types-file}, {@code mappings/document-types.yaml}). A malformed
 * file stops start-up with the file, the line and the reason, as the partner file does: a typo
 * found at 3 a.m. by a refused deposit is worse than one found at start.
 */
public final class DocumentTypeCatalog {

    /** Letters, digits, dots, hyphens and underscores, as MaKetQua codes are written (e.g. KQ.G22.000001). */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Set<String> FIELDS = Set.of("code", "name", "ownerTypes", "defaultValidityYears", "replaces");
    private static final Set<String> REPLACEMENT_FIELDS = Set.of("type", "procedures");

    private final Map<String, DocumentType> byCode;
    private final String file;
    /** Where each {@code replaces:} entry is written, for the messages of {@link #checkReplacements}. */
    private final Map<String, Integer> replacementLines;

    public DocumentTypeCatalog(Collection<DocumentType> types) {
        this(types, "document types", Map.of());
    }

    private DocumentTypeCatalog(Collection<DocumentType> types, String file, Map<String, Integer> replacementLines) {
        Map<String, DocumentType> map = new LinkedHashMap<>();
        for (DocumentType type : types) {
            map.put(type.code(), type);
        }
        this.byCode = Map.copyOf(map);
        this.file = file;
        this.replacementLines = Map.copyOf(replacementLines);
    }

    /**
     * The types whose documents may stand in for a document of {@code typeCode} in procedure
     * {@code procedureCode} ({@code replaces:} in the catalogue), in the catalogue's order; none by default.
     */
    public List<DocumentType> replacementsFor(String typeCode, String procedureCode) {
        List<DocumentType> found = new ArrayList<>();
        for (DocumentType type : byCode.values()) {
            if (type.replaces().stream().anyMatch(r -> r.typeCode().equals(typeCode) && r.appliesTo(procedureCode))) {
                found.add(type);
            }
        }
        return found;
    }

    /**
     * Checks the {@code procedures:} of every {@code replaces:} entry against the procedure catalogue:
     * each must be a procedure there that asks for the replaced type. A mistake stops start-up with this
     * file, the line and the reason.
     *
     * @param typesAsked for each procedure code, the document types it asks for
     */
    public void checkReplacements(Map<String, Set<String>> typesAsked) {
        for (DocumentType type : byCode.values()) {
            for (DocumentType.Replacement r : type.replaces()) {
                for (String procedure : new TreeSet<>(r.procedures())) {
                    Set<String> asked = typesAsked.get(procedure);
                    int line = replacementLines.getOrDefault(type.code() + ">" + r.typeCode(), 0);
                    if (asked == null) {
                        throw new DocumentTypeFileException(file, line, "'" + type.code() + "' replaces '" + r.typeCode() + "' for procedure '"
                                + procedure + "', which is not in the procedure catalogue (mappings/procedures.yaml)");
                    }
                    if (!asked.contains(r.typeCode())) {
                        throw new DocumentTypeFileException(file, line, "'" + type.code() + "' replaces '" + r.typeCode() + "' for procedure '"
                                + procedure + "', which does not ask for '" + r.typeCode() + "'");
                    }
                }
            }
        }
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
        private final YamlNodes yaml;

        Parser(String file) {
            this.file = file;
            this.yaml = new YamlNodes((line, reason) -> new DocumentTypeFileException(file, line, reason));
        }

        DocumentTypeCatalog parse(Path path) {
            Node root = yaml.compose(path, "the document type catalogue");
            if (!(root instanceof MappingNode top) || top.getValue().size() != 1
                    || !"documentTypes".equals(yaml.scalar(top.getValue().get(0).getKeyNode(), "key"))) {
                throw new DocumentTypeFileException(file, root == null ? 1 : YamlNodes.line(root), "expected a single top-level 'documentTypes:' list");
            }
            Node list = top.getValue().get(0).getValueNode();
            if (!(list instanceof SequenceNode sequence)) {
                throw new DocumentTypeFileException(file, YamlNodes.line(list), "'documentTypes:' must be a list");
            }
            Map<String, DocumentType> types = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            for (Node item : sequence.getValue()) {
                DocumentType type = readType(item, lines);
                if (types.put(type.code(), type) != null) {
                    throw new DocumentTypeFileException(file, YamlNodes.line(item), "code '" + type.code() + "' appears twice");
                }
            }
            if (types.isEmpty()) {
                throw new DocumentTypeFileException(file, YamlNodes.line(list), "no document type defined: the store would refuse every deposit");
            }
            for (DocumentType type : types.values()) {
                for (DocumentType.Replacement r : type.replaces()) {
                    int line = lines.get(type.code() + ">" + r.typeCode());
                    DocumentType replaced = types.get(r.typeCode());
                    if (replaced == null) {
                        throw new DocumentTypeFileException(file, line, "'" + type.code() + "' replaces '" + r.typeCode() + "', which is not in this catalogue");
                    }
                    if (replaced == type) {
                        throw new DocumentTypeFileException(file, line, "'" + type.code() + "' cannot replace itself");
                    }
                    if (type.ownerTypes().stream().noneMatch(replaced.ownerTypes()::contains)) {
                        throw new DocumentTypeFileException(file, line, "'" + type.code() + "' (issued to " + type.ownerTypes() + ") cannot replace '"
                                + r.typeCode() + "' (issued to " + replaced.ownerTypes() + "): no owner holds both");
                    }
                }
            }
            return new DocumentTypeCatalog(types.values(), file, lines);
        }

        private DocumentType readType(Node node, Map<String, Integer> lines) {
            Map<String, Node> f = yaml.fields(node, FIELDS, "each document type is a mapping with code, name, ownerTypes, defaultValidityYears");
            String code = yaml.required(node, f, "code");
            if (!CODE.matcher(code).matches()) {
                throw new DocumentTypeFileException(file, YamlNodes.line(f.get("code")), "code '" + code + "' must be letters, digits, '.', '-' or '_' (at most 32)");
            }
            String name = yaml.required(node, f, "name");
            if (!f.containsKey("ownerTypes")) {
                throw new DocumentTypeFileException(file, YamlNodes.line(node), "'ownerTypes' is missing for '" + code + "' (CITIZEN, ENTERPRISE or both)");
            }
            Set<OwnerType> owners = EnumSet.noneOf(OwnerType.class);
            for (Node o : yaml.sequence(f.get("ownerTypes"), "ownerTypes")) {
                String value = yaml.scalar(o, "owner type");
                try {
                    owners.add(OwnerType.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new DocumentTypeFileException(file, YamlNodes.line(o), "owner type '" + value + "' must be CITIZEN or ENTERPRISE");
                }
            }
            if (owners.isEmpty()) {
                throw new DocumentTypeFileException(file, YamlNodes.line(f.get("ownerTypes")), "'ownerTypes' of '" + code + "' is empty");
            }
            Integer years = null;
            Node validity = f.get("defaultValidityYears");
            if (validity != null) {
                String value = yaml.scalar(validity, "defaultValidityYears");
                if (!value.equals("none") && !value.equals("~") && !value.isEmpty() && !value.equals("null")) {
                    try {
                        years = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        years = -1;
                    }
                    if (years < 1 || years > 100) {
                        throw new DocumentTypeFileException(file, YamlNodes.line(validity), "defaultValidityYears of '" + code + "' must be a whole number of years from 1 to 100, or none");
                    }
                }
            }
            List<DocumentType.Replacement> replaces = new ArrayList<>();
            if (f.containsKey("replaces")) {
                for (Node r : yaml.sequence(f.get("replaces"), "replaces")) {
                    Map<String, Node> rf = yaml.fields(r, REPLACEMENT_FIELDS, "each 'replaces' entry is a mapping with type and, optionally, procedures");
                    String replaced = yaml.required(r, rf, "type");
                    Set<String> procedures = new TreeSet<>();
                    if (rf.containsKey("procedures")) {
                        for (Node p : yaml.sequence(rf.get("procedures"), "procedures")) {
                            procedures.add(yaml.scalar(p, "procedure code"));
                        }
                        if (procedures.isEmpty()) {
                            throw new DocumentTypeFileException(file, YamlNodes.line(rf.get("procedures")),
                                    "'procedures' of the replacement of '" + replaced + "' is empty; leave it out to mean every procedure");
                        }
                    }
                    if (lines.putIfAbsent(code + ">" + replaced, YamlNodes.line(r)) != null) {
                        throw new DocumentTypeFileException(file, YamlNodes.line(r), "'" + code + "' replaces '" + replaced + "' twice");
                    }
                    replaces.add(new DocumentType.Replacement(replaced, procedures));
                }
            }
            return new DocumentType(code, name, owners, years, replaces);
        }
    }
}
