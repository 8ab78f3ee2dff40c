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
        Set<Registry> used = catalogue.procedures().stream().flatMap(p -> p.documents().stream())
                .map(Procedure.RequiredDocument::registry).filter(r -> r != null).collect(Collectors.toSet());
        assertThat(used).containsExactlyInAnyOrder(Registry.values());
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
            "unknown registry    | 'procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [CITIZEN]\n    documents:\n      - type: KQ.G03.000001\n        registry: TAX' | 7 | registry 'TAX' must be one of",
            "registry cannot     | 'procedures:\n  - code: 1.1\n    name: x\n    applicantTypes: [ENTERPRISE]\n    documents:\n      - type: KQ.G05.000001\n        registry: LAND' | 7 | cannot vouch",
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
