package vn.lienthong.gateway.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.transform.Transformer;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.sf.saxon.TransformerFactoryImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lienthong.gateway.xml.JsonAsXml;
import vn.lienthong.gateway.xml.SafeXml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every golden case of every mapping: {@code mappings/golden/<mapping>/<case>/} (shipped next to the mappings, so an integrator adapting a mapping adapts its cases too)
 * holds {@code input.xml} (or {@code input.json}, for a registry that answers JSON), optional
 * {@code params.properties} (the route's parameters) and {@code expected.json}; the mapping is
 * {@code mappings/<mapping>.xsl}, run by Saxon as the routes run it. A JSON input reaches the mapping
 * as the JSON connectors hand it over: as XML in the standard XPath 3.1 representation of JSON
 * ({@link JsonAsXml}). An empty {@code expected.json} means the mapping must produce no output
 * (the route's "no such record").
 * JSON is compared as a tree, so key order does not matter.
 */
class MappingGoldenTest {

    private static final Path GOLDEN = Path.of("mappings/golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> walk = Files.walk(GOLDEN)) {
            return walk.filter(p -> Files.exists(p.resolve("input.xml")) || Files.exists(p.resolve("input.json"))).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mappingProducesTheExpectedOutput(Path caseDir) throws Exception {
        String mapping = caseDir.getParent().getFileName().toString();
        Transformer transformer = new TransformerFactoryImpl()
                .newTransformer(new StreamSource(Path.of("mappings", mapping + ".xsl").toFile()));
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
        String expected = Files.readString(caseDir.resolve("expected.json"));
        if (expected.isBlank()) {
            assertThat(out.toString()).as("no output: the registry has no such record").isBlank();
            return;
        }
        assertThat(JSON.readTree(out.toString())).isEqualTo(JSON.readTree(expected));
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
}
