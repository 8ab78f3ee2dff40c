package vn.lienthong.gateway.dossier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnlineDossierListTest {

    private static String dossier(long seq, String code) {
        return "{\"SoThuTu\":" + seq + ",\"MaHoSo\":\"" + code + "\",\"MaTTHC\":\"1.001757.000.00.00.H41\",\"ChuHoSo\":\"Nguyễn Văn An\","
                + "\"LoaiDoiTuong\":\"1\",\"TaiLieuNop\":[{\"TenTepDinhKem\":\"don.pdf\"}]}";
    }

    private static String answer(String... dossiers) {
        return "{\"error_code\":\"0\",\"message\":\"Thành công\",\"data\":[" + String.join(",", dossiers) + "]}";
    }

    @Test
    void aWellFormedListYieldsEachDossierWithItsSequenceNumber() {
        OnlineDossierList.Result result = OnlineDossierList.read(answer(dossier(7, "000.00.00.H41-261123-900007"), dossier(8, "000.00.00.H41-261123-900008")));
        assertThat(result.refused()).isEmpty();
        assertThat(result.entries()).extracting(OnlineDossierList.Entry::seq).containsExactly(7L, 8L);
        assertThat(result.entries().get(0).code()).isEqualTo("000.00.00.H41-261123-900007");
        assertThat(result.entries().get(0).json()).contains("\"ChuHoSo\":\"Nguyễn Văn An\"");
    }

    /** error_code is read as a number, as the portal's clients read it: 0 and "00" are success too. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "\"00\"", "\"0\""})
    void errorCodeZeroInAnyWritingIsSuccess(String code) {
        OnlineDossierList.Result result = OnlineDossierList.read("{\"error_code\":" + code + ",\"data\":["
                + dossier(9, "000.00.00.H41-261123-900009") + "]}");
        assertThat(result.entries()).extracting(OnlineDossierList.Entry::seq).containsExactly(9L);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"error_code\":\"0x\",\"data\":[]}",
        "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"http://127.0.0.1:9/oob\">]><d>&x;</d>",
        "{\"error_code\":\"0\",\"data\":[]}<!DOCTYPE d>",
        "{\"error_code\":\"0\",\"data\":[]} {\"error_code\":\"0\"}",
        "{\"error_code\":\"0\",\"data\":[{\"SoThuTu\":1,\"MaHoSo\":\"000.00.00.H41-261123-900001\",\"TrichYeuHoSo\":\"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;\"}]}",
        "{\"error_code\":\"0\",\"data\":[{\"<!ENTITY\":1}]}",
        "{\"error_code\":\"2\",\"message\":\"Thiếu madonvi\"}",
        "{\"error_code\":\"0\",\"data\":{}}",
        "{\"error_code\":\"0\",\"data\":[\"000.00.00.H41-261123-900001\"]}",
        "{\"error_code\":\"0\",\"error_code\":\"0\",\"data\":[]}",
        "[{\"error_code\":\"0\"}]",
        "{\"error_code\":\"0\",\"data\":[{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{}}}}}}}}}}]}",
        ""
    })
    void anAnswerThatIsNotOneCleanJsonListIsRefusedWhole(String hostile) {
        assertThatThrownBy(() -> OnlineDossierList.read(hostile)).isInstanceOf(OnlineDossierList.RefusedAnswer.class);
    }

    @Test
    void aMalformedDossierIsRefusedAloneWithItsReason() {
        OnlineDossierList.Result result = OnlineDossierList.read(answer(
                dossier(1, "HS-1"),
                dossier(2, "000.00.00.H41-261123-900002"),
                dossier(-3, "000.00.00.H41-261123-900003"),
                "{\"SoThuTu\":\"4\",\"MaHoSo\":\"000.00.00.H41-261123-900004\",\"MaTTHC\":\"x\",\"ChuHoSo\":\"y\"}",
                "{\"SoThuTu\":5,\"MaHoSo\":\"000.00.00.H41-261123-900005\",\"ChuHoSo\":\"y\"}",
                "{\"SoThuTu\":6,\"MaHoSo\":\"000.00.00.H41-261123-900006\",\"MaTTHC\":\"x\",\"ChuHoSo\":\"a\\u0000b\"}",
                "{\"SoThuTu\":7,\"MaHoSo\":\"000.00.00.H41-261123-900007\",\"MaTTHC\":\"x\",\"ChuHoSo\":\"y\",\"LoaiDoiTuong\":\"9\"}"));
        assertThat(result.entries()).extracting(OnlineDossierList.Entry::seq).containsExactly(2L);
        assertThat(result.refused()).extracting(OnlineDossierList.Refusal::reason).containsExactly(
                "MaHoSo missing or not a dossier code",
                "SoThuTu missing or not a positive integer",
                "SoThuTu missing or not a positive integer",
                "MaTTHC missing",
                "a text with control characters",
                "LoaiDoiTuong not 1-4");
    }
}
