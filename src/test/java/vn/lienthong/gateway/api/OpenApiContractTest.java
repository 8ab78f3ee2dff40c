package vn.lienthong.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.AntPathMatcher;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The partner API's description (src/main/resources/static/openapi.yaml, served at /openapi.yaml) is
 * hand-written; this keeps it true: it describes exactly the operations the REST DSL of routes/ serves
 * (same method, path and operation id), each belongs to the service of the partner file's catalogue
 * that really covers it, its error codes are the gateway's, and every example fits its schema.
 */
class OpenApiContractTest {

    static final Path SPEC = Path.of("src/main/resources/static/openapi.yaml");
    static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    static Map<String, Object> spec;

    @BeforeAll
    static void read() throws IOException {
        spec = yaml(SPEC);
    }

    @Test
    void everyOperationTheRoutesServeIsDescribedAndNothingElse() throws IOException {
        Map<String, String> served = servedOperations();
        Map<String, String> described = new TreeMap<>();
        map(spec.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                described.put(method.toUpperCase() + " " + path, String.valueOf(map(operation).get("operationId")));
            }
        }));
        assertThat(served).as("routes/*.camel.yaml serve /api/v1 operations").isNotEmpty();
        assertThat(described).as("operations (with the route's rest id as operationId) in openapi.yaml vs. routes/")
                .containsExactlyInAnyOrderEntriesOf(served);
    }

    @Test
    void everyOperationNamesTheServiceThatCoversItAndEveryServiceOperationIsDescribed() throws IOException {
        Map<String, Object> catalogue = map(yaml(Path.of("config/partners-sandbox.yaml")).get("services"));
        AntPathMatcher paths = new AntPathMatcher();
        Map<String, List<String>> patternsCovered = new LinkedHashMap<>();
        catalogue.forEach((service, ops) -> list(ops).forEach(op -> patternsCovered.computeIfAbsent(op.toString(), k -> new ArrayList<>())));
        forEachOperation((method, path, operation) -> {
            String concrete = path.replaceAll("\\{[^}]+}", "x1");
            String service = String.valueOf(operation.get("x-service"));
            List<String> covering = new ArrayList<>();
            catalogue.forEach((name, ops) -> list(ops).forEach(op -> {
                String[] parts = op.toString().split(" ", 2);
                if (parts[0].equalsIgnoreCase(method) && paths.match(parts[1], concrete)) {
                    covering.add(name);
                    patternsCovered.get(op.toString()).add(method + " " + path);
                }
            }));
            assertThat(covering).as(method + " " + path + ": the partner file's service that covers it").containsExactly(service);
        });
        patternsCovered.forEach((op, described) -> assertThat(described).as("catalogue operation " + op + " is described").isNotEmpty());
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryOperationSaysHowItRefuses() {
        forEachOperation((method, path, operation) -> {
            Set<String> declared = new TreeSet<>();
            for (Object p : list(operation.getOrDefault("parameters", List.of()))) {
                Map<String, Object> parameter = resolve(map(p));
                if ("path".equals(parameter.get("in"))) {
                    declared.add(parameter.get("name").toString());
                }
            }
            Set<String> inTemplate = new TreeSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(path);
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(method + " " + path + " path parameters").isEqualTo(inTemplate);
            Map<String, Object> responses = map(operation.get("responses"));
            assertThat(responses.keySet()).as(method + " " + path).anyMatch(code -> code.startsWith("2")).contains("401", "403", "429");
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    Map<String, Object> content = map(map(resolve(map(response)).get("content")).get("application/json"));
                    assertThat(map(content.get("schema")).get("$ref")).as(method + " " + path + " " + code + " has the Error body")
                            .isEqualTo("#/components/schemas/Error");
                }
            });
        });
    }

    @Test
    void theErrorCodesAreExactlyTheGatewaysCodes() {
        Map<String, Object> code = map(map(map(map(map(spec.get("components")).get("schemas")).get("Error")).get("properties")).get("code"));
        List<Object> described = list(code.get("enum"));
        // the built-in catalogue is the source of truth (codes an integrator adds are documented in mappings/error-codes.yaml)
        assertThat(described.stream().map(Object::toString)).containsExactlyInAnyOrderElementsOf(ErrorCatalogue.builtIn().keySet());
        assertThat(ErrorCatalogue.builtIn().keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    }

    @Test
    void everySuccessfulJsonAnswerHasItsOwnSchemaAndAnExample() {
        List<String> generic = new ArrayList<>();
        List<String> described = new ArrayList<>();
        forEachOperation((method, path, operation) -> map(operation.get("responses")).forEach((code, response) -> {
            if (!code.startsWith("2")) {
                return;
            }
            Object json = map(map(resolve(map(response)).getOrDefault("content", Map.of())).get("application/json"));
            if (json == null) {
                return; // a file (PDF, zip): described by its media type
            }
            Map<String, Object> media = map(json);
            String where = method + " " + path + " " + code;
            Map<String, Object> schema = resolve(map(media.get("schema")));
            if ("#/components/schemas/Record".equals(map(media.get("schema")).get("$ref"))
                    || ("object".equals(schema.get("type")) && !schema.containsKey("properties"))) {
                generic.add(where);
            }
            assertThat(media.containsKey("example") || media.get("examples") instanceof Map<?, ?> e && !e.isEmpty())
                    .as(where + " has an example of the answer").isTrue();
            described.add(where);
        }));
        assertThat(generic).as("2xx answers described only as a generic object").isEmpty();
        assertThat(described).as("2xx JSON answers checked").hasSizeGreaterThan(20);
    }

    @Test
    void everyExampleFitsItsSchema() {
        List<String> checked = new ArrayList<>();
        walk(spec, "", checked);
        assertThat(checked).as("examples found and checked").hasSizeGreaterThan(20);
    }

    /** Finds every schema with an example beside it (parameters, media types, schemas) and checks it. */
    private static void walk(Object node, String where, List<String> checked) {
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> m = map(raw);
            if (m.containsKey("schema") && m.containsKey("example")) {
                validate(m.get("example"), map(m.get("schema")), where + ".example");
                checked.add(where);
            }
            if (m.containsKey("schema") && m.get("examples") instanceof Map<?, ?> examples) {
                map(examples).forEach((name, example) -> {
                    validate(map(example).get("value"), map(m.get("schema")), where + ".examples." + name);
                    checked.add(where + "." + name);
                });
            }
            m.forEach((key, value) -> walk(value, where + "." + key, checked));
        } else if (node instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), where + "[" + i + "]", checked);
            }
        }
    }

    /** The subset of JSON Schema the description uses: $ref, type, format, enum, pattern, required, properties, items, bounds. */
    private static void validate(Object value, Map<String, Object> schemaOrRef, String where) {
        Map<String, Object> schema = resolve(schemaOrRef);
        if (value == null) {
            assertThat(schema.get("nullable")).as(where + " is null: its schema must say nullable").isEqualTo(Boolean.TRUE);
            return;
        }
        String type = (String) schema.get("type");
        if (type != null) {
            switch (type) {
                case "object" -> assertThat(value).as(where + " is an object").isInstanceOf(Map.class);
                case "array" -> assertThat(value).as(where + " is an array").isInstanceOf(List.class);
                case "string" -> assertThat(value).as(where + " is a string").isInstanceOf(String.class);
                case "integer" -> assertThat(value).as(where + " is an integer").isInstanceOfAny(Integer.class, Long.class);
                case "boolean" -> assertThat(value).as(where + " is a boolean").isInstanceOf(Boolean.class);
                case "number" -> assertThat(value).as(where + " is a number").isInstanceOf(Number.class);
                default -> throw new AssertionError(where + ": unknown type " + type);
            }
        }
        if (schema.containsKey("enum")) {
            assertThat(list(schema.get("enum"))).as(where + " is one of the enum").contains(value);
        }
        if (value instanceof String s) {
            if (schema.containsKey("pattern")) {
                assertThat(s).as(where).matches(schema.get("pattern").toString());
            }
            if (schema.containsKey("minLength")) {
                assertThat(s.length()).as(where).isGreaterThanOrEqualTo((Integer) schema.get("minLength"));
            }
            String format = String.valueOf(schema.get("format"));
            switch (format) {
                case "date" -> LocalDate.parse(s);
                case "date-time" -> OffsetDateTime.parse(s);
                case "uuid" -> UUID.fromString(s);
                case "byte" -> Base64.getDecoder().decode(s);
                default -> { }
            }
        }
        if (value instanceof Number n) {
            if (schema.containsKey("minimum")) {
                assertThat(n.doubleValue()).as(where).isGreaterThanOrEqualTo(((Number) schema.get("minimum")).doubleValue());
            }
            if (schema.containsKey("maximum")) {
                assertThat(n.doubleValue()).as(where).isLessThanOrEqualTo(((Number) schema.get("maximum")).doubleValue());
            }
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = schema.containsKey("properties") ? map(schema.get("properties")) : Map.of();
            for (Object required : list(schema.getOrDefault("required", List.of()))) {
                assertThat(object.containsKey(required)).as(where + " has " + required).isTrue();
            }
            map(object).forEach((key, v) -> {
                if (properties.containsKey(key)) {
                    validate(v, map(properties.get(key)), where + "." + key);
                } else {
                    assertThat(Boolean.TRUE.equals(schema.get("additionalProperties")) || !schema.containsKey("properties"))
                            .as(where + ": " + key + " is not a property of its schema").isTrue();
                }
            });
        }
        if (value instanceof List<?> items) {
            if (schema.containsKey("minItems")) {
                assertThat(items.size()).as(where).isGreaterThanOrEqualTo((Integer) schema.get("minItems"));
            }
            for (int i = 0; i < items.size(); i++) {
                if (schema.containsKey("items")) {
                    validate(items.get(i), map(schema.get("items")), where + "[" + i + "]");
                }
            }
        }
    }

    private static Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        Object target = spec;
        for (String part : ref.toString().substring(2).split("/")) {
            target = map(target).get(part);
            assertThat(target).as("reference " + ref).isNotNull();
        }
        return resolve(map(target));
    }

    @FunctionalInterface
    interface OperationVisitor {
        void visit(String method, String path, Map<String, Object> operation);
    }

    private static void forEachOperation(OperationVisitor visitor) {
        map(spec.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                visitor.visit(method.toUpperCase(), path, map(operation));
            }
        }));
    }

    /** "METHOD /api/v1/..." to the rest operation id, from every rest: block of routes/. */
    static Map<String, String> servedOperations() throws IOException {
        Map<String, String> served = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
                for (Object item : document instanceof List<?> l ? l : List.of()) {
                    Object rest = map(item).get("rest");
                    if (rest == null) {
                        continue;
                    }
                    String base = String.valueOf(map(rest).getOrDefault("path", ""));
                    map(rest).forEach((verb, ops) -> {
                        if (METHODS.contains(verb)) {
                            for (Object op : list(ops)) {
                                String path = base + map(op).getOrDefault("path", "");
                                if (path.startsWith("/api/v1")) {
                                    served.put(verb.toUpperCase() + " " + path, String.valueOf(map(op).get("id")));
                                }
                            }
                        }
                    });
                }
            }
        }
        return served;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
