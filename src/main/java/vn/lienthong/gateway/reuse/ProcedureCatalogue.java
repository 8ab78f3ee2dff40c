package vn.lienthong.gateway.reuse;

import java.nio.file.Files;
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
 * The procedure catalogue integrators edit ({@code mappings/procedures.yaml}): the registries whose
 * facts can replace a paper ({@code registries:}, each a connector, a query and a mapping: see
 * {@link Registry}), and for each procedure the papers it requires (document types of
 * {@code mappings/document-types.yaml}) and which registry can replace which. Read once at start-up;
 * any mistake stops start-up with {@code file:line: reason} ({@link ProcedureFileException}).
 */
public final class ProcedureCatalogue {

    /** Procedure codes: the national catalogue's dotted form, e.g. 1.001612.000.00.00.H41. */
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z]+(\\.[0-9A-Za-z]+){1,7}");
    private static final Set<String> PROCEDURE_FIELDS = Set.of("code", "name", "field", "applicantTypes", "documents");
    private static final Set<String> DOCUMENT_FIELDS = Set.of("type", "registry");
    private static final Set<String> REGISTRY_FIELDS = Set.of("name", "code", "connector", "query", "operation", "mapping", "vouchesFor");
    /** Registry, connector and mapping names: lower-case words joined by hyphens, e.g. business-registry. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern REGISTRY_CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    /** A query is fixed text around {id}: nothing a URL or the connector would read as syntax beyond = and &. */
    private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9_.=&{}-]{1,200}");

    private final Map<String, Procedure> byCode;
    private final List<Registry> registries;

    public ProcedureCatalogue(Collection<Procedure> procedures) {
        this(procedures, List.of());
    }

    public ProcedureCatalogue(Collection<Procedure> procedures, Collection<Registry> registries) {
        Map<String, Procedure> map = new LinkedHashMap<>();
        procedures.forEach(p -> map.put(p.code(), p));
        this.byCode = Map.copyOf(map);
        this.registries = List.copyOf(registries);
    }

    /** Reads the catalogue; the connectors its registries name are not checked (see the three-argument form). */
    public static ProcedureCatalogue load(Path file, DocumentTypeCatalog types) {
        return load(file, types, null);
    }

    /**
     * Reads the catalogue and checks that every registry's connector has its Kamelet in {@code connectors}
     * ({@code <connector>.kamelet.yaml}); a mapping is looked for beside the catalogue file.
     */
    public static ProcedureCatalogue load(Path file, DocumentTypeCatalog types, Path connectors) {
        return new Parser(file, types, connectors).parse(file);
    }

    public Optional<Procedure> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get(code));
    }

    public Collection<Procedure> procedures() {
        return byCode.values();
    }

    /** The registries the catalogue defines ({@code registries:}), in its order. */
    public List<Registry> registries() {
        return registries;
    }

    private static final class Parser {
        private final String file;
        private final Path folder;
        private final Path connectors;
        private final DocumentTypeCatalog types;
        private final YamlNodes yaml;
        private final Map<String, Registry> registries = new LinkedHashMap<>();

        Parser(Path path, DocumentTypeCatalog types, Path connectors) {
            this.file = path.toString();
            this.folder = path.toAbsolutePath().getParent();
            this.connectors = connectors;
            this.types = types;
            this.yaml = new YamlNodes((line, reason) -> new ProcedureFileException(file, line, reason));
        }

        ProcedureCatalogue parse(Path path) {
            Node root = yaml.compose(path, "the procedure catalogue");
            Set<String> top = Set.of("registries", "procedures");
            boolean known = root instanceof MappingNode map && map.getValue().stream().allMatch(t -> top.contains(yaml.scalar(t.getKeyNode(), "key")));
            Map<String, Node> sections = known ? yaml.fields(root, top, "") : Map.of();
            if (!sections.containsKey("procedures")) {
                throw new ProcedureFileException(file, root == null ? 1 : line(root),
                        "expected a single top-level 'procedures:' list, and optionally 'registries:'");
            }
            if (sections.containsKey("registries")) {
                for (Node item : yaml.sequence(sections.get("registries"), "'registries:'")) {
                    Registry registry = registry(item);
                    if (registries.put(registry.name(), registry) != null) {
                        throw new ProcedureFileException(file, line(item), "registry '" + registry.name() + "' is defined twice");
                    }
                    if (registries.values().stream().filter(r -> r.code().equals(registry.code())).count() > 1) {
                        throw new ProcedureFileException(file, line(item), "registry code '" + registry.code() + "' is used twice");
                    }
                }
            }
            List<Node> items = yaml.sequence(sections.get("procedures"), "'procedures:'");
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
            return new ProcedureCatalogue(procedures.values(), registries.values());
        }

        private Procedure procedure(Node node) {
            Map<String, Node> f = yaml.fields(node, PROCEDURE_FIELDS, "each procedure is a mapping with code, name, field, applicantTypes, documents");
            String code = yaml.required(node, f, "code");
            if (!CODE.matcher(code).matches() || code.length() > 64) {
                throw new ProcedureFileException(file, line(f.get("code")), "procedure code '" + code + "' must be dotted letters and digits, e.g. 1.001612.000.00.00.H41");
            }
            String name = yaml.required(node, f, "name");
            String field = f.containsKey("field") ? yaml.scalar(f.get("field"), "field") : "";
            Set<OwnerType> applicants = ownerTypes(node, f, "applicantTypes", "'" + code + "'");
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
                registry = registries.get(value);
                if (registry == null) {
                    throw new ProcedureFileException(file, line(f.get("registry")), "registry '" + value + "' is not defined under 'registries:'; "
                            + (registries.isEmpty() ? "none is" : "defined: " + String.join(", ", registries.keySet())));
                }
                Registry r = registry;
                if (type.ownerTypes().stream().noneMatch(o -> applicants.contains(o) && r.canVouchFor(o))) {
                    throw new ProcedureFileException(file, line(f.get("registry")), "registry " + registry.name() + " cannot vouch for '" + typeCode
                            + "' for any applicant of '" + procedure + "'");
                }
            }
            return new RequiredDocument(typeCode, type.name(), type.ownerTypes(), registry);
        }

        private Registry registry(Node node) {
            Map<String, Node> f = yaml.fields(node, REGISTRY_FIELDS,
                    "each registry is a mapping with name, code, connector, query, operation, mapping, vouchesFor");
            String name = named(node, f, "name");
            String code = f.containsKey("code") ? yaml.scalar(f.get("code"), "code") : name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            if (!REGISTRY_CODE.matcher(code).matches() || code.length() > 64) {
                throw new ProcedureFileException(file, line(f.getOrDefault("code", node)), "registry code '" + code
                        + "' must be capital letters, digits and underscores, e.g. BUSINESS_REGISTRY");
            }
            String connector = named(node, f, "connector");
            if (connectors != null && !Files.isRegularFile(connectors.resolve(connector + ".kamelet.yaml"))) {
                throw new ProcedureFileException(file, line(f.get("connector")), "connector '" + connector + "' of registry '" + name
                        + "' has no Kamelet " + connectors.resolve(connector + ".kamelet.yaml"));
            }
            String query = yaml.required(node, f, "query");
            if (!QUERY.matcher(query).matches() || !query.contains(Registry.ID)) {
                throw new ProcedureFileException(file, line(f.get("query")), "query '" + query + "' of registry '" + name
                        + "' must contain " + Registry.ID + " (the applicant's identifier) and only letters, digits and _ . = & -");
            }
            String operation = f.containsKey("operation") ? named(node, f, "operation") : null;
            String mappingName = named(node, f, "mapping");
            Path mapping = folder.resolve(mappingName + ".xsl");
            if (!Files.isRegularFile(mapping)) {
                throw new ProcedureFileException(file, line(f.get("mapping")), "mapping '" + mappingName + "' of registry '" + name
                        + "' has no file " + mapping.getFileName() + " beside this file");
            }
            Set<OwnerType> vouchesFor = ownerTypes(node, f, "vouchesFor", "registry '" + name + "'");
            return new Registry(name, code, connector, query, operation, mapping, Set.copyOf(vouchesFor));
        }

        /** A required, non-empty list of CITIZEN and/or ENTERPRISE; {@code owner} says whose, in messages. */
        private Set<OwnerType> ownerTypes(Node node, Map<String, Node> f, String key, String owner) {
            if (!f.containsKey(key)) {
                throw new ProcedureFileException(file, line(node), "'" + key + "' is missing for " + owner + " (CITIZEN, ENTERPRISE or both)");
            }
            Set<OwnerType> types = EnumSet.noneOf(OwnerType.class);
            for (Node a : yaml.sequence(f.get(key), key)) {
                String value = yaml.scalar(a, "applicant type");
                try {
                    types.add(OwnerType.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new ProcedureFileException(file, line(a), "applicant type '" + value + "' must be CITIZEN or ENTERPRISE");
                }
            }
            if (types.isEmpty()) {
                throw new ProcedureFileException(file, line(f.get(key)), "'" + key + "' of " + owner + " is empty");
            }
            return types;
        }

        /** A required name: lower-case words joined by hyphens. */
        private String named(Node owner, Map<String, Node> f, String key) {
            String value = yaml.required(owner, f, key);
            if (!NAME.matcher(value).matches() || value.length() > 64) {
                throw new ProcedureFileException(file, line(f.get(key)), key + " '" + value + "' must be lower-case words joined by hyphens, e.g. business-registry");
            }
            return value;
        }

        private static int line(Node node) {
            return YamlNodes.line(node);
        }
    }
}
