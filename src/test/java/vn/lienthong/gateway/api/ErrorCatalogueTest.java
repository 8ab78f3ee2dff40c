package vn.lienthong.gateway.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrorCatalogueTest {

    @TempDir
    Path dir;

    @Test
    void theBuiltInCatalogueHasExactlyTheJavaCodesWithBothSentences() {
        assertThat(ErrorCatalogue.builtIn().keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        ErrorCatalogue.builtIn().values().forEach(e -> assertThat(e.vi()).as(e.code()).isNotBlank());
        ErrorCatalogue.builtIn().values().forEach(e -> assertThat(e.en()).as(e.code()).isNotBlank());
        assertThat(ErrorCode.CITIZEN_NOT_FOUND.httpStatus()).isEqualTo(404);
        assertThat(ErrorCode.RATE_LIMITED.httpStatus()).isEqualTo(429);
        assertThat(ErrorCode.INTERNAL_ERROR.httpStatus()).isEqualTo(500);
    }

    @Test
    void anIntegratorsCodeIsFoundWithItsStatusAndSentencesBesideTheBuiltInOnes() throws IOException {
        ErrorCatalogue catalogue = new ErrorCatalogue(write("""
                codes:
                  CIVIL_RECORD_NOT_FOUND:
                    status: 404
                    vi: "Không tìm thấy bản ghi hộ tịch."
                    en: "No civil-status record has this number."
                """).toString());
        assertThat(catalogue.find("CIVIL_RECORD_NOT_FOUND")).contains(
                new CodedError("CIVIL_RECORD_NOT_FOUND", 404, "Không tìm thấy bản ghi hộ tịch.", "No civil-status record has this number."));
        assertThat(catalogue.find("CITIZEN_NOT_FOUND")).map(CodedError::status).contains(404);
        assertThat(catalogue.find("NOBODY_HAS_THIS")).isEmpty();

        ApiException refusal = new ApiException(catalogue.find("CIVIL_RECORD_NOT_FOUND").orElseThrow(), "No civil-status record has this number.");
        assertThat(refusal.codeName()).isEqualTo("CIVIL_RECORD_NOT_FOUND");
        assertThat(refusal.httpStatus()).isEqualTo(404);
        assertThat(refusal.code()).isNull();
    }

    @Test
    void aFileCodeThatIsBuiltInIsAnErrorNamingFileAndLine() throws IOException {
        Path file = write("""
                codes:
                  CIVIL_RECORD_NOT_FOUND:
                    status: 404
                    vi: "a"
                    en: "b"
                  CITIZEN_NOT_FOUND:
                    status: 410
                    vi: "a"
                    en: "b"
                """);
        assertThatThrownBy(() -> new ErrorCatalogue(file.toString())).isInstanceOf(ErrorCodeFileException.class)
                .hasMessage(file + ":6: code 'CITIZEN_NOT_FOUND' is a built-in code of the gateway; choose another name");
    }

    @Test
    void aStatusThatIsNoErrorOrAMissingSentenceIsAnErrorNamingFileAndLine() throws IOException {
        Path okStatus = write("""
                codes:
                  CIVIL_OK:
                    status: 200
                    vi: "a"
                    en: "b"
                """);
        assertThatThrownBy(() -> new ErrorCatalogue(okStatus.toString())).hasMessage(okStatus + ":3: the status of 'CIVIL_OK' must be an HTTP error status, 400 to 599");
        Path noVi = write("""
                codes:
                  CIVIL_GONE:
                    status: 410
                    en: "b"
                """);
        assertThatThrownBy(() -> new ErrorCatalogue(noVi.toString())).hasMessage(noVi + ":3: 'vi' is missing");
        Path lowerCase = write("""
                codes:
                  civil_gone:
                    status: 410
                    vi: "a"
                    en: "b"
                """);
        assertThatThrownBy(() -> new ErrorCatalogue(lowerCase.toString())).hasMessageStartingWith(lowerCase + ":2: code 'civil_gone' must be upper-case");
    }

    @Test
    void theShippedFileLoads() {
        // the province's codes: the civil-status flow's (routes/civil-status-lookup.camel.yaml)
        assertThat(new ErrorCatalogue("mappings/error-codes.yaml").added().keySet())
                .containsExactlyInAnyOrder("CIVIL_STATUS_NUMBER_INVALID", "CIVIL_STATUS_NOT_FOUND");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "codes-", ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
