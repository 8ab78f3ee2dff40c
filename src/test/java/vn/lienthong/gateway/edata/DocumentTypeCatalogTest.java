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

    private void assertRefused(String yaml, String expected) throws Exception {
        Path file = folder.resolve("types.yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> DocumentTypeCatalog.load(file)).isInstanceOf(DocumentTypeFileException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(expected);
    }
}
