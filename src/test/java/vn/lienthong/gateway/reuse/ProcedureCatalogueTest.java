package vn.lienthong.gateway.reuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.OwnerType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped procedure catalogue, and the file:line:reason of every kind of mistake in one. */
class ProcedureCatalogueTest {

    private static final DocumentTypeCatalog TYPES = DocumentTypeCatalog.load(Path.of("mappings/document-types.yaml"));

    @TempDir
    Path dir;

    @Test
    void theShippedCatalogueHasTwentyProceduresAndEveryRegistry() {
        ProcedureCatalogue catalogue = ProcedureCatalogue.load(Path.of("mappings/procedures.yaml"), TYPES);
        assertThat(catalogue.procedures()).hasSizeGreaterThanOrEqualTo(20);
        Set<String> used = catalogue.procedures().stream().flatMap(p -> p.documents().stream())
                .map(Procedure.RequiredDocument::registry).filter(r -> r != null).map(Registry::name).collect(Collectors.toSet());
        assertThat(used).containsExactlyInAnyOrder("population-registry", "business-registry", "social-insurance", "land-registry");
        // the codes the reuse check's answers and the owners' access logs have always carried
        assertThat(catalogue.procedures().stream().flatMap(p -> p.documents().stream()).map(Procedure.RequiredDocument::registry)
                .filter(r -> r != null).map(Registry::code).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("POPULATION", "BUSINESS_REGISTRY", "SOCIAL_INSURANCE", "LAND");
        Procedure permit = catalogue.find("1.001757.000.00.00.H41").orElseThrow();
        assertThat(permit.documentsFor(OwnerType.CITIZEN)).extracting(Procedure.RequiredDocument::typeCode)
                .containsExactly("KQ.G05.000001", "KQ.G03.000001");
        // a paper issued only to enterprises is not asked of a citizen applying for the same procedure
        Procedure alcohol = catalogue.find("2.000983.000.00.00.H41").orElseThrow();
        assertThat(alcohol.documentsFor(OwnerType.CITIZEN)).extracting(Procedure.RequiredDocument::typeCode).doesNotContain("KQ.G22.000001");
        assertThat(alcohol.documentsFor(OwnerType.ENTERPRISE)).extracting(Procedure.RequiredDocument::typeCode).contains("KQ.G22.000001");
    }

    @Test
    void theProceduresOfAReplacementMustBeInThisCatalogueAndAskForTheReplacedType() throws IOException {
        Path types = dir.resolve("types.yaml");
        Path procedures = dir.resolve("procedures.yaml");
        Files.writeString(procedures, "procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.1\n"
                + "  - code: 1.2\n    name: y\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.3\n");
        String head = "documentTypes:\n  - code: KQ.1\n    name: a\n    ownerTypes: [CITIZEN]\n  - code: KQ.3\n    name: c\n    ownerTypes: [CITIZEN]\n"
                + "  - code: KQ.2\n    name: b\n    ownerTypes: [CITIZEN]\n    replaces:\n      - type: KQ.1\n        procedures: ";
        Files.writeString(types, head + "[1.1]\n");
        assertThat(ProcedureCatalogue.load(procedures, DocumentTypeCatalog.load(types)).procedures()).hasSize(2);
        Files.writeString(types, head + "[1.9]\n");
        assertThatThrownBy(() -> ProcedureCatalogue.load(procedures, DocumentTypeCatalog.load(types)))
                .hasMessageStartingWith(types + ":12: ").hasMessageContaining("procedure '1.9', which is not in the procedure catalogue");
        Files.writeString(types, head + "[1.2]\n");
        assertThatThrownBy(() -> ProcedureCatalogue.load(procedures, DocumentTypeCatalog.load(types)))
                .hasMessageStartingWith(types + ":12: ").hasMessageContaining("procedure '1.2', which does not ask for 'KQ.1'");
    }

    /** A registries: section whose mapping file exists beside the catalogue; {@code %s} is where the test's lines go. */
    private static final String REGISTRIES = """
            registries:
              - name: land-registry
                code: LAND
                connector: land-registry-action
                query: "soDinhDanh={id}"
                mapping: land-to-reuse-fact
                vouchesFor: [CITIZEN]
            %s
            procedures:
              - code: 1.1
                name: x
                applicantTypes: [CITIZEN]
                documents:
                  - type: KQ.G05.000001
                    registry: %s
            """;

    @Test
    void aRegistryIsNamedInTheCatalogueWithItsConnectorQueryAndMapping() throws IOException {
        Path file = dir.resolve("procedures.yaml");
        Files.copy(Path.of("mappings/land-to-reuse-fact.xsl"), dir.resolve("land-to-reuse-fact.xsl"));
        Files.writeString(file, REGISTRIES.formatted("", "land-registry"));
        Registry land = ProcedureCatalogue.load(file, TYPES, Path.of("connectors")).find("1.1").orElseThrow().documents().get(0).registry();
        assertThat(land.code()).isEqualTo("LAND");
        assertThat(land.connector()).isEqualTo("land-registry-action");
        assertThat(land.queryFor("001203012345")).isEqualTo("soDinhDanh=001203012345");
        assertThat(land.mapping()).isEqualTo(dir.toAbsolutePath().resolve("land-to-reuse-fact.xsl"));
        assertThat(land.canVouchFor(OwnerType.CITIZEN)).isTrue();
        assertThat(land.canVouchFor(OwnerType.ENTERPRISE)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown registry     | ''                                                                                    | land          | 15 | registry 'land' is not defined under 'registries:'; defined: land-registry",
            "unknown field        | '  - name: tax\n    connectr: tax-action'                                         | land-registry | 9  | unknown field 'connectr'",
            "bad name             | '  - name: Tax_Office\n    connector: tax-action'                                  | land-registry | 8  | name 'Tax_Office' must be lower-case words",
            "no such connector    | '  - name: tax\n    connector: tax-action\n    query: \"{id}\"\n    mapping: land-to-reuse-fact\n    vouchesFor: [CITIZEN]' | land-registry | 9  | connector 'tax-action' of registry 'tax' has no Kamelet",
            "query without id     | '  - name: tax\n    connector: land-registry-action\n    query: \"mst=1\"'         | land-registry | 10 | must contain {id}",
            "no such mapping      | '  - name: tax\n    connector: land-registry-action\n    query: \"{id}\"\n    mapping: tax-to-reuse-fact\n    vouchesFor: [CITIZEN]' | land-registry | 11 | mapping 'tax-to-reuse-fact' of registry 'tax' has no file tax-to-reuse-fact.xsl",
            "no vouchesFor        | '  - name: tax\n    connector: land-registry-action\n    query: \"{id}\"\n    mapping: land-to-reuse-fact' | land-registry | 8 | 'vouchesFor' is missing for registry 'tax'",
            "same code twice      | '  - name: tax\n    code: LAND\n    connector: land-registry-action\n    query: \"{id}\"\n    mapping: land-to-reuse-fact\n    vouchesFor: [CITIZEN]' | land-registry | 8 | registry code 'LAND' is used twice",
            "name twice           | '  - name: land-registry\n    code: LAND2\n    connector: land-registry-action\n    query: \"{id}\"\n    mapping: land-to-reuse-fact\n    vouchesFor: [CITIZEN]' | land-registry | 8 | registry 'land-registry' is defined twice",
            "cannot vouch         | '  - name: tax\n    connector: land-registry-action\n    query: \"{id}\"\n    mapping: land-to-reuse-fact\n    vouchesFor: [ENTERPRISE]' | tax | 19 | registry tax cannot vouch for 'KQ.G05.000001'"})
    void aMalformedRegistryNamesTheFileTheLineAndTheReason(String name, String extra, String used, int line, String reason) throws IOException {
        Path file = dir.resolve("procedures.yaml");
        Files.copy(Path.of("mappings/land-to-reuse-fact.xsl"), dir.resolve("land-to-reuse-fact.xsl"));
        Files.writeString(file, REGISTRIES.formatted(extra.replace("\\n", "\n"), used));
        assertThatThrownBy(() -> ProcedureCatalogue.load(file, TYPES, Path.of("connectors")))
                .isInstanceOf(ProcedureFileException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not a list          | 'procedures: 12'                                                                        | 1 | 'procedures:' must be a list",
            "wrong top level     | 'procedure: []'                                                                         | 1 | expected a single top-level 'procedures:' list",
            "empty               | 'procedures: []'                                                                        | 1 | no procedure defined",
            "unknown field       | 'procedures:\n  - code: 1.1\n    nam: x'                                               | 3 | unknown field 'nam'",
            "missing name        | 'procedures:\n  - code: 1.1\n    applicantTypes: [CITIZEN]\n    documents: []'        | 2 | 'name' is missing",
            "bad code            | 'procedures:\n  - code: \"1 001\"\n    name: x'                                        | 2 | must be dotted",
            "bad applicant       | 'procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [ROBOT]'                 | 4 | applicant type 'ROBOT'",
            "unknown type        | 'procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.X.1' | 6 | is not in the document type catalogue",
            "type not for them   | 'procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.G22.000001' | 6 | none of the applicants",
            "unknown registry    | 'procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.G03.000001\n        registry: TAX' | 7 | registry 'TAX' is not defined under 'registries:'; none is",
            "twice               | 'procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.G03.000001\n  - code: 1.1\n    name: y\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.G03.000001' | 7 | appears twice",
            "not yaml            | 'procedures: [\n  - {'                                                                     | 0 | not valid YAML"})
    void aMalformedCatalogueNamesTheFileTheLineAndTheReason(String name, String yaml, int line, String reason) throws IOException {
        Path file = dir.resolve("procedures.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> ProcedureCatalogue.load(file, TYPES))
                .isInstanceOf(ProcedureFileException.class)
                .hasMessageStartingWith(file + ":" + line + ": ")
                .hasMessageContaining(reason);
    }
}
