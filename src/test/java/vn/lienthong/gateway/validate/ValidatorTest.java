package vn.lienthong.gateway.validate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.files.FileProblem;

import static org.assertj.core.api.Assertions.assertThat;

/** The validate command on the shipped files and on the broken fixtures (src/test/resources/files/broken). */
class ValidatorTest {

    private static final Path BROKEN = Path.of("src/test/resources/files/broken");

    @Test
    void theShippedFilesPass() throws Exception {
        Validator validator = new Validator(Path.of("."));
        List<FileProblem> problems = validator.run();
        assertThat(problems).isEmpty();
        assertThat(validator.files()).as("routes, connectors, mappings, catalogues and partner files checked").isGreaterThan(20);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyShippedRouteSaysWhatItDoes() throws Exception {
        // the console shows a route's description beside its id: an administrator reads what a flow is for there
        List<String> silent = new java.util.ArrayList<>();
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList()) {
                for (Object item : (List<Object>) new org.yaml.snakeyaml.Yaml().load(Files.readString(file))) {
                    if (item instanceof java.util.Map<?, ?> entry && entry.get("route") instanceof java.util.Map<?, ?> route) {
                        Object description = route.get("description");
                        if (description == null || description.toString().isBlank()) {
                            silent.add(file + ": " + route.get("id"));
                        }
                    }
                }
            }
        }
        assertThat(silent).as("routes without a description").isEmpty();
    }

    @Test
    void eachBrokenFileIsNamedWithItsLine() throws Exception {
        List<String> problems = new Validator(BROKEN).run().stream().map(FileProblem::toString).toList();
        String base = BROKEN.toString();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(base + "/routes/broken-route.camel.yaml:9: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(base + "/mappings/broken-mapping.xsl:6: ").contains("no-such-function"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(base + "/connectors/broken-connector.kamelet.yaml:9: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(base + "/routes/uses-broken-mapping.camel.yaml:9: ")
                .contains("mappings/broken-mapping.xsl, which is broken"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith(base + "/routes/uses-broken-connector.camel.yaml:7: ")
                .contains("kamelet:broken-connector, which is broken"));
        assertThat(problems).hasSize(5);
    }

    @Test
    void aStepNamingACodeOrATypeThatDoesNotExistIsNamedWithItsLine(@TempDir Path base) throws Exception {
        Files.createDirectories(base.resolve("routes"));
        Files.createDirectories(base.resolve("mappings"));
        Files.writeString(base.resolve("mappings/error-codes.yaml"), """
                codes:
                  PARCEL_NOT_FOUND:
                    status: 404
                    vi: "Không tìm thấy thửa đất."
                    en: "No such parcel."
                """);
        Files.writeString(base.resolve("routes/steps.camel.yaml"), """
                - route:
                    id: steps
                    from:
                      uri: direct:steps
                      steps:
                        - bean: {ref: identifiers, method: "require('personal-id', ${header.id})"}
                        - bean: {ref: identifiers, method: "require('parcel-number', ${header.id})"}
                        - bean: {ref: apiErrors, method: "refuse('PARCEL_NOT_FOUND')"}
                        - bean: {ref: apiErrors, method: "refuse('PARCEL_NOT_FUOND')"}
                """);
        List<String> problems = new Validator(base).run().stream().map(FileProblem::toString).toList();
        String route = base.resolve("routes/steps.camel.yaml").toString();
        assertThat(problems).containsExactlyInAnyOrder(
                route + ":7: validates an identifier of type 'parcel-number', which is neither built in nor in mappings/identifier-types.yaml",
                route + ":9: refuses with code 'PARCEL_NOT_FUOND', which is neither built in nor in mappings/error-codes.yaml");
    }

    @Test
    void anErrorCodeFileIsReadByTheGatewaysOwnLoader(@TempDir Path base) throws Exception {
        Files.createDirectories(base.resolve("mappings"));
        Files.writeString(base.resolve("mappings/error-codes.yaml"), """
                codes:
                  CITIZEN_NOT_FOUND:
                    status: 404
                    vi: "Trùng mã có sẵn."
                    en: "Clashes with a built-in code."
                """);
        List<String> problems = new Validator(base).run().stream().map(FileProblem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith(base.resolve("mappings/error-codes.yaml") + ":2: ").contains("built-in code"));
    }

    @Test
    void theCommandPrintsEveryProblemAndExitsNonZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ValidateCommand.run(new String[]{BROKEN.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).isEqualTo(ValidateCommand.INVALID);
        assertThat(printed.lines().filter(l -> l.startsWith(BROKEN.toString())).count()).isEqualTo(5);
        assertThat(printed).contains("5 problem(s)");
    }

    @Test
    void theCommandOnTheShippedFilesExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ValidateCommand.run(new String[0], new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
                .as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ValidateCommand.VALID);
    }
}
