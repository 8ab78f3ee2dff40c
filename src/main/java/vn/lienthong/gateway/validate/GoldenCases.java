package vn.lienthong.gateway.validate;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.sf.saxon.TransformerFactoryImpl;
import vn.lienthong.gateway.files.FileProblem;
import vn.lienthong.gateway.xml.JsonAsXml;
import vn.lienthong.gateway.xml.SafeXml;

/**
 * The golden cases of the mappings: {@code <mappings>/golden/<mapping>/<case>/} holds {@code input.xml} (or
 * {@code input.json}, for a registry that answers JSON: it reaches the mapping as the JSON connectors hand it over, in
 * the XPath 3.1 representation of JSON, {@link JsonAsXml}), optional {@code params.properties} (the route's
 * parameters) and {@code expected.json}, empty when the mapping must produce no output (the route's "no such
 * record"); the mapping
 * {@code <mappings>/<mapping>.xsl} is run by Saxon as the routes run it, and its JSON compared as a tree (key order
 * does not matter). Run by {@code MappingGoldenTest} and by the {@code validate} command alike.
 */
public final class GoldenCases {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenCases() {
    }

    /** Every case folder (one holding an input.xml or an input.json) under {@code <mappings>/golden}, in name order. */
    public static List<Path> cases(Path mappings) throws IOException {
        Path golden = mappings.resolve("golden");
        if (!Files.isDirectory(golden)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(golden)) {
            return walk.filter(p -> Files.exists(p.resolve("input.xml")) || Files.exists(p.resolve("input.json"))).sorted().toList();
        }
    }

    /** The mapping's output for the case, as a string. */
    public static String output(Path mappings, Path caseDir) throws Exception {
        String mapping = caseDir.getParent().getFileName().toString();
        Path xsl = mappings.resolve(mapping + ".xsl");
        Transformer transformer = new TransformerFactoryImpl().newTransformer(new StreamSource(xsl.toFile()));
        Path params = caseDir.resolve("params.properties");
        if (Files.exists(params)) {
            Properties p = new Properties();
            try (var reader = Files.newBufferedReader(params)) {
                p.load(reader);
            }
            p.forEach((k, v) -> transformer.setParameter((String) k, v));
        }
        StringWriter out = new StringWriter();
        transformer.transform(input(caseDir), new StreamResult(out));
        return out.toString();
    }

    private static DOMSource input(Path caseDir) throws IOException {
        Path json = caseDir.resolve("input.json");
        if (Files.exists(json)) {
            return new DOMSource(JsonAsXml.document(JSON.readTree(json.toFile())));
        }
        try (InputStream in = Files.newInputStream(caseDir.resolve("input.xml"))) {
            return new DOMSource(SafeXml.parse(in));
        }
    }

    /** Runs one case; the problem, naming the case's file, when the output is not the expected one. */
    public static Optional<FileProblem> check(Path mappings, Path caseDir) {
        Path expectedFile = caseDir.resolve("expected.json");
        String mapping = caseDir.getParent().getFileName().toString();
        if (!Files.isRegularFile(mappings.resolve(mapping + ".xsl"))) {
            return Optional.of(new FileProblem(caseDir.toString(), 0, "golden case of a mapping that does not exist: " + mappings.resolve(mapping + ".xsl")));
        }
        if (!Files.isRegularFile(expectedFile)) {
            return Optional.of(new FileProblem(expectedFile.toString(), 0, "expected.json is missing"));
        }
        String text;
        try {
            text = Files.readString(expectedFile);
        } catch (IOException e) {
            return Optional.of(FileProblem.of(expectedFile.toString(), e));
        }
        if (text.isBlank()) {
            try {
                String output = output(mappings, caseDir);
                return output.isBlank() ? Optional.empty() : Optional.of(new FileProblem(expectedFile.toString(), 1,
                        "the mapping " + mapping + ".xsl answers where the case expects no output (no such record): " + output.strip()));
            } catch (Exception e) {
                return Optional.of(FileProblem.of(caseDir.toString(), e));
            }
        }
        JsonNode expected;
        try {
            expected = JSON.readTree(text);
        } catch (IOException e) {
            return Optional.of(new FileProblem(expectedFile.toString(), line(e), "not valid JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
        JsonNode actual;
        try {
            actual = JSON.readTree(output(mappings, caseDir));
        } catch (Exception e) {
            return Optional.of(FileProblem.of(caseDir.toString(), e));
        }
        if (actual.equals(expected)) {
            return Optional.empty();
        }
        return Optional.of(new FileProblem(expectedFile.toString(), 1, "the mapping " + mapping + ".xsl gives another answer: " + difference("", expected, actual)));
    }

    private static int line(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null ? j.getLocation().getLineNr() : 0;
    }

    /** The first place where the two trees differ, as a JSON pointer with both values. */
    static String difference(String at, JsonNode expected, JsonNode actual) {
        if (expected != null && actual != null && expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                var field = it.next();
                if (!field.getValue().equals(actual.get(field.getKey()))) {
                    return difference(at + "/" + field.getKey(), field.getValue(), actual.get(field.getKey()));
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!expected.has(name)) {
                    return at + "/" + name + ": not expected, got " + actual.get(name);
                }
            }
        }
        if (expected != null && actual != null && expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    return difference(at + "/" + i, expected.get(i), actual.get(i));
                }
            }
        }
        return (at.isEmpty() ? "/" : at) + ": expected " + expected + ", got " + (actual == null ? "nothing" : actual.toString());
    }
}
