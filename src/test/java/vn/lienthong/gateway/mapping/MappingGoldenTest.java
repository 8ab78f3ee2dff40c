package vn.lienthong.gateway.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lienthong.gateway.validate.GoldenCases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every golden case of every mapping: {@code mappings/golden/<mapping>/<case>/} (shipped next to the mappings, so an integrator adapting a mapping adapts its cases too)
 * holds {@code input.xml} (or {@code input.json}), optional {@code params.properties} (the route's parameters) and
 * {@code expected.json} (empty: the mapping must produce no output); the mapping is {@code mappings/<mapping>.xsl}, run by Saxon as the routes run it
 * ({@link GoldenCases}, which the {@code validate} command runs too). JSON is compared as a tree, so key order does not matter.
 */
class MappingGoldenTest {

    private static final Path MAPPINGS = Path.of("mappings");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> cases() throws IOException {
        return GoldenCases.cases(MAPPINGS).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mappingProducesTheExpectedOutput(Path caseDir) throws Exception {
        String output = GoldenCases.output(MAPPINGS, caseDir);
        String expected = Files.readString(caseDir.resolve("expected.json"));
        if (expected.isBlank()) {
            assertThat(output).as("no output: the registry has no such record").isBlank();
            return;
        }
        assertThat(JSON.readTree(output)).isEqualTo(JSON.readTree(expected));
    }
}
