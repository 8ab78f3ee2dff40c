package vn.lienthong.gateway.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCatalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierTypesTest {

    @TempDir
    Path dir;

    @Test
    void builtInTypesValidateAndGiveTheCanonicalForm() throws IOException {
        IdentifierTypes types = new IdentifierTypes(errors(), dir.resolve("absent.yaml").toString());
        assertThat(types.require("personal-id", " 001203012345 ")).isEqualTo("001203012345");
        assertThat(types.require("enterprise-code", "0100109106001")).isEqualTo("0100109106-001");
        assertThat(types.require("social-insurance-number", "0123456789")).isEqualTo("0123456789");
        assertThat(types.require("land-certificate", "cs000001")).isEqualTo("CS 000001");
        assertThatThrownBy(() -> types.require("personal-id", "12345")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).codeName()).isEqualTo("CITIZEN_ID_INVALID"));
        assertThatThrownBy(() -> types.require("no-such-type", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFileTypeRefusesWithItsCataloguedCodeAndIsMaskedInLogsByItsRule() throws IOException {
        IdentifierTypes types = new IdentifierTypes(errors(), write("""
                types:
                  civil-registration-number:
                    pattern: "HT\\\\d{8}"
                    code: CIVIL_NUMBER_INVALID
                    mask: {first: 2, last: 2}
                """).toString());
        assertThat(types.require("civil-registration-number", " HT20240001 ")).isEqualTo("HT20240001");
        assertThatThrownBy(() -> types.require("civil-registration-number", "HT2024")).isInstanceOf(ApiException.class)
                .satisfies(e -> {
                    ApiException refusal = (ApiException) e;
                    assertThat(refusal.codeName()).isEqualTo("CIVIL_NUMBER_INVALID");
                    assertThat(refusal.httpStatus()).isEqualTo(400);
                    assertThat(refusal.getMessage()).isEqualTo("A civil registration number is HT and 8 digits.");
                });
        assertThat(Masking.maskIdentifiers("look-up of HT20240001 for desk 7")).isEqualTo("look-up of HT******01 for desk 7");
        // inside a longer word it is not this identifier
        assertThat(Masking.maskIdentifiers("file XHT20240001")).isEqualTo("file XHT20240001");
    }

    @Test
    void mistakesNameFileAndLine() throws IOException {
        Path builtInName = write("""
                types:
                  personal-id:
                    pattern: "\\\\d+"
                    code: CIVIL_NUMBER_INVALID
                """);
        assertThatThrownBy(() -> new IdentifierTypes(errors(), builtInName.toString()))
                .hasMessage(builtInName + ":2: type 'personal-id' is a built-in type; choose another name");
        Path unknownCode = write("""
                types:
                  civil-number:
                    pattern: "\\\\d+"
                    code: NOBODY_DEFINED_THIS
                """);
        assertThatThrownBy(() -> new IdentifierTypes(errors(), unknownCode.toString()))
                .hasMessage(unknownCode + ":4: code 'NOBODY_DEFINED_THIS' is in no error-code catalogue (add it to mappings/error-codes.yaml)");
        Path badPattern = write("""
                types:
                  civil-number:
                    pattern: "HT[0-9"
                    code: CIVIL_NUMBER_INVALID
                """);
        assertThatThrownBy(() -> new IdentifierTypes(errors(), badPattern.toString())).hasMessageStartingWith(badPattern + ":3: the pattern of 'civil-number'");
    }

    @Test
    void theShippedFileLoads() {
        IdentifierTypes shipped = new IdentifierTypes(new ErrorCatalogue("mappings/error-codes.yaml"), "mappings/identifier-types.yaml");
        assertThat(shipped.isKnown("personal-id")).isTrue();
        // the civil-status flow's registration number (routes/civil-status-lookup.camel.yaml)
        assertThat(shipped.require("civil-status-number", " KS-00004-2003-000123 ")).isEqualTo("KS-00004-2003-000123");
        assertThatThrownBy(() -> shipped.require("civil-status-number", "KS-00004-2003-000123&soDinhDanh=001203012345"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.codeName()).isEqualTo("CIVIL_STATUS_NUMBER_INVALID"));
    }

    private ErrorCatalogue errors() throws IOException {
        return new ErrorCatalogue(write("""
                codes:
                  CIVIL_NUMBER_INVALID:
                    status: 400
                    vi: "Số đăng ký hộ tịch gồm HT và 8 chữ số."
                    en: "A civil registration number is HT and 8 digits."
                """).toString());
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "types-", ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
