package vn.lienthong.gateway.edata;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped catalogue loads; a malformed one names the file, the line and the reason. */
class DocumentTypeCatalogTest {

    @TempDir
    Path folder;

    @Test
    void theShippedCatalogueLoads() {
        DocumentTypeCatalog catalog = EdataFixtures.catalog();
        assertThat(catalog.types()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(catalog.find("KQ.G22.000001")).get().satisfies(t -> {
            assertThat(t.ownerTypes()).containsExactly(OwnerType.ENTERPRISE);
            assertThat(t.defaultValidityYears()).isNull();
        });
        assertThat(catalog.find("KQ.G12.000001").orElseThrow().defaultValidityYears()).isEqualTo(10);
        assertThat(catalog.find("nope")).isEmpty();
    }

    @Test
    void aMalformedCatalogueNamesTheLineAndTheReason() throws Exception {
        assertRefused("documentTypes:\n  - code: KQ.1\n    name: A\n    ownerTypes: [CITIZEN]\n  - code: KQ.1\n    name: B\n    ownerTypes: [CITIZEN]\n",
                ":5: code 'KQ.1' appears twice");
        assertRefused("documentTypes:\n  - code: KQ.1\n    name: A\n    ownerTypes: [PERSON]\n", ":4: owner type 'PERSON' must be CITIZEN or ENTERPRISE");
        assertRefused("documentTypes:\n  - code: KQ.1\n    name: A\n    ownerTypes: [CITIZEN]\n    defaultValidityYears: ten\n", ":5: defaultValidityYears");
        assertRefused("documentTypes:\n  - code: KQ.1\n    nam: A\n", ":3: unknown field 'nam'");
        assertRefused("documentTypes:\n  - code: KQ.1\n    ownerTypes: [CITIZEN]\n", ":2: 'name' is missing");
        assertRefused("types: []\n", ":1: expected a single top-level 'documentTypes:' list");
        assertRefused("documentTypes: [\n", "not valid YAML");
    }

    private static final String TWO_FORMS = "documentTypes:\n  - code: KQ.1\n    name: Old form\n    ownerTypes: [CITIZEN]\n"
            + "  - code: KQ.2\n    name: New form\n    ownerTypes: [CITIZEN]\n    replaces:\n";

    @Test
    void aTypeMayReplaceAnotherForSomeProceduresOrAllAndNoneDoesByDefault() throws Exception {
        assertThat(EdataFixtures.catalog().types()).allSatisfy(t -> assertThat(t.replaces()).isEmpty());
        assertThat(EdataFixtures.catalog().replacementsFor("KQ.G22.000001", "1.001612.000.00.00.H41")).isEmpty();

        Path file = folder.resolve("types.yaml");
        Files.writeString(file, TWO_FORMS + "      - type: KQ.1\n        procedures: [1.2.3]\n");
        DocumentTypeCatalog some = DocumentTypeCatalog.load(file);
        assertThat(some.replacementsFor("KQ.1", "1.2.3")).extracting(DocumentType::code).containsExactly("KQ.2");
        assertThat(some.replacementsFor("KQ.1", "1.2.4")).isEmpty();
        assertThat(some.replacementsFor("KQ.2", "1.2.3")).isEmpty();

        Files.writeString(file, TWO_FORMS + "      - type: KQ.1\n");
        assertThat(DocumentTypeCatalog.load(file).replacementsFor("KQ.1", "9.9.9")).extracting(DocumentType::code).containsExactly("KQ.2");
    }

    @Test
    void aMalformedReplacementNamesTheLineAndTheReason() throws Exception {
        assertRefused(TWO_FORMS + "      - type: KQ.9\n", ":9: 'KQ.2' replaces 'KQ.9', which is not in this catalogue");
        assertRefused(TWO_FORMS + "      - type: KQ.2\n", ":9: 'KQ.2' cannot replace itself");
        assertRefused(TWO_FORMS + "      - type: KQ.1\n      - type: KQ.1\n", ":10: 'KQ.2' replaces 'KQ.1' twice");
        assertRefused(TWO_FORMS + "      - type: KQ.1\n        procedures: []\n", ":10: 'procedures' of the replacement of 'KQ.1' is empty");
        assertRefused(TWO_FORMS + "      - typ: KQ.1\n", ":9: unknown field 'typ'");
        assertRefused(TWO_FORMS.replace("ownerTypes: [CITIZEN]\n    replaces", "ownerTypes: [ENTERPRISE]\n    replaces") + "      - type: KQ.1\n",
                ":9: 'KQ.2' (issued to [ENTERPRISE]) cannot replace 'KQ.1' (issued to [CITIZEN]): no owner holds both");
    }

    private void assertRefused(String yaml, String expected) throws Exception {
        Path file = folder.resolve("types.yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> DocumentTypeCatalog.load(file)).isInstanceOf(DocumentTypeFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(expected);
    }
}
