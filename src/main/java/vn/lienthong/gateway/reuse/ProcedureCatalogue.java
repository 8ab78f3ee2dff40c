package vn.lienthong.gateway.reuse;

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
import vn.lienthong.gateway.edata.DocumentType;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.reuse.Procedure.RequiredDocument;
import vn.lienthong.gateway.yaml.YamlNodes;

/**
 * The procedure catalogue integrators edit ({@code mappings/procedures.yaml}): for each procedure,
 * the papers it requires (document types of {@code mappings/document-types.yaml}) and which of them
 * a registry fact can replace. Read once at start-up; any mistake stops start-up with
 * {@code file:line: reason} ({@link ProcedureFileException}).
 */
public final class ProcedureCatalogue {

    /** Procedure codes: the national catalogue's dotted form, e.g. 1.001612.000.00.00.H41. */
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]+(\\.[0-9A-Za-z]+){1,7}");
    private static final Set<String> PROCEDURE_FIELDS = Set.of("code", "name", "field", "applicantTypes", "documents");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("type", "registry");

    private final Map<String, Procedure> byCode;

    public ProcedureCatalogue(Collection<Procedure> procedures) {
        Map<String, Procedure> map = new LinkedHashMap<>();
        procedures.forEach(p -> map.put(p.code(), p));
        this.byCode = Map.copyOf(map);
    }

    public static ProcedureCatalogue load(Path file, DocumentTypeCatalog types) {
        return new Parser(file.toString(), types).parse(file);
    }

    public Optional<Procedure> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    public Collection<Procedure> procedures() {
        return byCode.values();
    }

    private static final class Parser {
        private final String file;
        private final DocumentTypeCatalog types;
        private final YamlNodes yaml;

        Parser(String file, DocumentTypeCatalog types) {
            this.file = file;
            this.types = types;
            this.yaml = new YamlNodes((line, reason) -> new ProcedureFileException(file, line, reason));
        }

        ProcedureCatalogue parse(Path path) {
            Node root = yaml.compose(path, "the procedure catalogue");
            if (!(root instanceof MappingNode top) || top.getValue().size() != 1
                    || !"procedures".equals(yaml.scalar(top.getValue().get(0).getKeyNode(), "key"))) {
                throw new ProcedureFileException(file, root == null ? 1 : line(root), "expected a single top-level 'procedures:' list");
            }
            List<Node> items = yaml.sequence(top.getValue().get(0).getValueNode(), "'procedures:'");
            Map<String, Procedure> procedures = new LinkedHashMap<>();
            for (Node item : items) {
                Procedure procedure = procedure(item);
                if (procedures.put(procedure.code(), procedure) != null) {
                    throw new ProcedureFileException(file, line(item), "procedure code '" + procedure.code() + "' appears twice");
                }
            }
            if (procedures.isEmpty()) {
                throw new ProcedureFileException(file, line(root), "no procedure defined: every reuse check would be refused");
            }
            Map<String, Set<String>> asked = new LinkedHashMap<>();
            procedures.values().forEach(p -> asked.put(p.code(), new TreeSet<>(p.documents().stream().map(RequiredDocument::typeCode).toList())));
            types.checkReplacements(asked); // the document type catalogue's replaces: name procedures of this file
            return new ProcedureCatalogue(procedures.values());
        }

        private Procedure procedure(Node node) {
            Map<String, Node> f = yaml.fields(node, PROCEDURE_FIELDS, "each procedure is a mapping with code, name, field, applicantTypes, documents");
            String code = yaml.required(node, f, "code");
            if (!CODE.matcher(code).matches() || code.length() > 64) {
                throw new ProcedureFileException(file, line(f.get("code")), "procedure code '" + code + "' must be dotted letters and digits, e.g. 1.001612.000.00.00.H41");
            }
            String name = yaml.required(node, f, "name");
            String field = f.containsKey("field") ? yaml.scalar(f.get("field"), "field") : "";
            if (!f.containsKey("applicantTypes")) {
                throw new ProcedureFileException(file, line(node), "'applicantTypes' is missing for '" + code + "' (CITIZEN, ENTERPRISE or both)");
            }
            Set<OwnerType> applicants = EnumSet.noneOf(OwnerType.class);
            for (Node a : yaml.sequence(f.get("applicantTypes"), "applicantTypes")) {
                String value = yaml.scalar(a, "applicant type");
                try {
                    applicants.add(OwnerType.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new ProcedureFileException(file, line(a), "applicant type '" + value + "' must be CITIZEN or ENTERPRISE");
                }
            }
            if (applicants.isEmpty()) {
                throw new ProcedureFileException(file, line(f.get("applicantTypes")), "'applicantTypes' of '" + code + "' is empty");
            }
            if (!f.containsKey("documents")) {
                throw new ProcedureFileException(file, line(node), "'documents' is missing for '" + code + "'");
            }
            List<RequiredDocument> documents = new ArrayList<>();
            Set<String> seen = new TreeSet<>();
            for (Node d : yaml.sequence(f.get("documents"), "documents")) {
                RequiredDocument document = document(d, code, applicants);
                if (!seen.add(document.typeCode())) {
                    throw new ProcedureFileException(file, line(d), "document type '" + document.typeCode() + "' is listed twice for '" + code + "'");
                }
                documents.add(document);
            }
            if (documents.isEmpty()) {
                throw new ProcedureFileException(file, line(f.get("documents")), "'documents' of '" + code + "' is empty");
            }
            return new Procedure(code, name, field, Set.copyOf(applicants), List.copyOf(documents));
        }

        private RequiredDocument document(Node node, String procedure, Set<OwnerType> applicants) {
            Map<String, Node> f = yaml.fields(node, DOCUMENT_FIELDS, "each required document is a mapping with type and, optionally, registry");
            String typeCode = yaml.required(node, f, "type");
            DocumentType type = types.find(typeCode).orElseThrow(() -> new ProcedureFileException(file, line(f.get("type")),
                    "document type '" + typeCode + "' is not in the document type catalogue (mappings/document-types.yaml)"));
            if (type.ownerTypes().stream().noneMatch(applicants::contains)) {
                throw new ProcedureFileException(file, line(f.get("type")), "document type '" + typeCode + "' (" + type.name()
                        + ") is issued to " + type.ownerTypes() + ", none of the applicants of '" + procedure + "' " + new TreeSet<>(applicants));
            }
            Registry registry = null;
            if (f.containsKey("registry")) {
                String value = yaml.scalar(f.get("registry"), "registry");
                try {
                    registry = Registry.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw new ProcedureFileException(file, line(f.get("registry")), "registry '" + value + "' must be one of " + List.of(Registry.values()));
                }
                Registry r = registry;
                if (type.ownerTypes().stream().noneMatch(o -> applicants.contains(o) && r.canVouchFor(o))) {
                    throw new ProcedureFileException(file, line(f.get("registry")), "registry " + registry + " cannot vouch for '" + typeCode
                            + "' for any applicant of '" + procedure + "'");
                }
            }
            return new RequiredDocument(typeCode, type.name(), type.ownerTypes(), registry);
        }

        private static int line(Node node) {
            return YamlNodes.line(node);
        }
    }
}
