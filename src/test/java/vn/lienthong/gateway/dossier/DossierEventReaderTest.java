package vn.lienthong.gateway.dossier;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.dossier.model.DossierEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dossier event contract: JSON and XML bound to one model, validated by the XSD, the failing field named. */
class DossierEventReaderTest {

    private final DossierEventReader reader = new DossierEventReader();

    static Stream<Path> goldenInputs() throws Exception {
        try (Stream<Path> walk = Files.walk(Path.of("mappings/golden/dossier-event-to-portal"))) {
            return walk.filter(p -> p.getFileName().toString().equals("input.xml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("goldenInputs")
    void theMappingsGoldenInputsObeyTheSchema(Path input) throws Exception {
        DossierEvent event = reader.readXml(Files.readAllBytes(input));
        assertThat(event.dossierCode).startsWith("000.00.00.H41-");
    }

    @Test
    void jsonAndXmlOfTheSameEventGiveTheSameCanonicalXml() {
        DossierEvent fromJson = reader.readJson(bytes(DossierEvents.dossier("e-1", DossierEvents.dossierCode(1))));
        String xml = reader.toXml(fromJson);
        DossierEvent fromXml = reader.readXml(bytes(xml));
        assertThat(reader.toXml(fromXml)).isEqualTo(xml);
        assertThat(fromXml.dossier.documents).hasSize(1);
        assertThat(fromXml.dossier.documents.get(0).digitized).isTrue();
        assertThat(fromXml.portalService()).isEqualTo("DongBoHoSoMC");
    }

    @Test
    void aMissingFieldIsNamed() {
        String json = DossierEvents.progress("e-2", DossierEvents.dossierCode(2), "DANG_XU_LY", "x")
                .replace("\"agencyCode\": \"000.00.00.H41\",", "");
        assertInvalid(json, "'agencyCode'");
    }

    @Test
    void aBadValueIsNamed() {
        assertInvalid(DossierEvents.progress("e-3", "H41-2611-1", "DANG_XU_LY", "x"), "'dossierCode'");
        assertInvalid(DossierEvents.progress("e-4", DossierEvents.dossierCode(4), "DANG_XU_LY", "x")
                .replace("2026-11-25T17:00:00+07:00", "25/11/2026"), "'dueAt'");
        assertInvalid(DossierEvents.dossier("e-5", DossierEvents.dossierCode(5)).replace("\"ownerType\": 1", "\"ownerType\": 7"),
                "'ownerType'");
        assertInvalid(DossierEvents.dossier("e-6", DossierEvents.dossierCode(6)).replace("\"ownerType\": 1", "\"ownerType\": \"one\""),
                "'ownerType'");
        assertInvalid(DossierEvents.dossier("e-7", DossierEvents.dossierCode(7)).replace("\"channel\": 1", "\"channel\": 1, \"colour\": \"red\""),
                "'colour'");
    }

    @Test
    void anEventNeedsADossierOrAProgressStep() {
        String json = """
                {"eventId": "e-8", "dossierCode": "000.00.00.H41-261123-0008", "agencyCode": "000.00.00.H41",
                 "occurredAt": "2026-11-24T08:30:05+07:00", "localStatus": "DANG_XU_LY"}""";
        assertInvalid(json, "'dossier'");
    }

    @Test
    void xmlWithADoctypeIsRefusedBeforeAnythingReadsIt() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<dossierEvent xmlns=\"urn:lienthong:gateway:dossier:1.0\"><eventId>&x;</eventId></dossierEvent>";
        assertThatThrownBy(() -> reader.readXml(bytes(xml)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_EVENT_INVALID))
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void xmlInTheWrongOrderNamesTheField() {
        String xml = "<dossierEvent xmlns=\"urn:lienthong:gateway:dossier:1.0\"><dossierCode>000.00.00.H41-261123-0009</dossierCode>"
                + "<eventId>e-9</eventId></dossierEvent>";
        assertThatThrownBy(() -> reader.readXml(bytes(xml))).hasMessageContaining("'eventId'");
    }

    /** The fields public clients of the real portal send: bound from JSON, each refused by name when it is not valid. */
    @Test
    void theFieldsRealPortalClientsSendAreBoundAndCheckedAndTheDueDateIsOptional() {
        String json = DossierEvents.dossier("e-20", DossierEvents.dossierCode(20))
                .replace(", \"dueAt\": \"2026-11-26T17:00:00+07:00\"", "")
                .replace("\"handlingUnit\": \"UBND phường Ba Đình\",", """
                        "handlingUnit": "UBND phường Ba Đình", "submittedAt": "2026-11-22T20:00:00+07:00", "submissionPlace": "2",
                        "resultDelivery": "1", "ownerVerifiedWithVneid": true, "onlinePayment": "1",
                        "processingEndedAt": "2026-11-25T16:00:00+07:00", "email": "an@example.vn", "phone": "0912 345 678",
                        "connectedDatabases": ["1", "7"],
                        "fees": [{"name": "Lệ phí", "code": "LP01", "collectionMethod": "1", "amount": "8000", "kind": "1"}],""");
        DossierEvent event = reader.readJson(bytes(json));
        assertThat(event.dossier.dueAt).isNull();
        assertThat(event.dossier.connectedDatabases).containsExactly("1", "7");
        assertThat(event.dossier.fees).singleElement().satisfies(f -> assertThat(f.amount).isEqualTo("8000"));
        assertThat(event.dossier.ownerVerifiedWithVneid).isTrue();
        assertThat(reader.toXml(event)).contains("<database>7</database>").doesNotContain("dueAt");

        assertInvalid(json.replace("an@example.vn", "not an address"), "'email'");
        assertInvalid(json.replace("\"amount\": \"8000\"", "\"amount\": \"-5\""), "'amount'");
        assertInvalid(json.replace("\"submissionPlace\": \"2\"", "\"submissionPlace\": \"online\""), "'submissionPlace'");
        assertInvalid(json.replace("\"phone\": \"0912 345 678\"", "\"phone\": \"call me\""), "'phone'");
    }

    private void assertInvalid(String json, String field) {
        assertThatThrownBy(() -> reader.readJson(bytes(json)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DOSSIER_EVENT_INVALID))
                .hasMessageContaining(field);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
