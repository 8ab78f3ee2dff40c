package vn.lienthong.gateway.registry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.xml.SafeXml;

import static org.assertj.core.api.Assertions.assertThat;

/** The registries' answers (shapes of FORMATS.md) in the gateway's words: what the look-up APIs and the reuse check rely on. */
class RegistryFactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void businessRegistryAnswer() throws Exception {
        Map<String, Object> e = RegistryFacts.enterprise(JSON.readTree("""
                {"MainInformation": {"ENTERPRISE_GDT_CODE": "0100109106", "NAME": "CÔNG TY CỔ PHẦN X", "ENTERPRISE_STATUS": "Đang hoạt động",
                  "FOUNDING_DATE": "15/06/1998", "CAPITAL_AMOUNT": 5000000000, "ENTERPRISE_TYPE_NAME": "Công ty cổ phần"},
                 "HOAdress": {"CityID": "01", "WardID": "00004", "AddressFullText": "Số 1, Phường Ba Đình, Thành phố Hà Nội"},
                 "BusinessActivity": [{"CODE": "4610", "NAME": "Đại lý", "IS_MAIN": true}],
                 "Member": [{"FULL_NAME": "Nguyễn Văn An", "ID_NUMBER": "001203012345", "POSITION": "Giám đốc"}]}
                """));
        assertThat(e).containsEntry("code", "0100109106").containsEntry("foundingDate", "1998-06-15").containsEntry("active", true)
                .containsEntry("capital", 5_000_000_000L);
        assertThat((Map<String, Object>) e.get("headOffice")).containsEntry("communeCode", "00004");
        assertThat((List<?>) e.get("representatives")).hasSize(1);
    }

    @Test
    void socialInsuranceAnswersAndAMissingFieldIsNullNotAnError() throws Exception {
        Map<String, Object> p = RegistryFacts.participant(JSON.readTree("""
                {"maSoBhxh": "0123456789", "soDinhDanh": "001203012345", "hoTen": "Nguyễn Văn An", "ngaySinh": "20030514",
                 "gioiTinh": "1", "maTinhKs": "01", "trangThai": "2"}"""));
        assertThat(p).containsEntry("birthDate", "2003-05-14").containsEntry("gender", "MALE").containsEntry("status", "STOPPED")
                .containsEntry("birthCommuneCode", null);
        // a field that is an object where a value is expected is not taken as text
        assertThat(RegistryFacts.participant(JSON.readTree("{\"maSoBhxh\": {\"x\": 1}}"))).containsEntry("number", null);
        assertThat(RegistryFacts.participants(JSON.readTree("{\"danhSach\": []}"))).isEmpty();
    }

    @Test
    void landAnswerKeepsEveryHolder() throws Exception {
        List<Map<String, Object>> parcels = RegistryFacts.parcels(JSON.readTree("""
                {"danhSachThuaDat": [{"SoGiayChungNhan": "CS 000001", "MaXa": "00025", "SoHieuBanDo": 12, "SoThuTuThua": 345,
                  "DienTich": 86.4, "TrangThai": "Còn hiệu lực",
                  "ChuSuDung": [{"HoTen": "Trần Thị Bích", "SoDinhDanh": "001165004321"}, {"HoTen": "Nguyễn Văn An", "SoDinhDanh": "001203012345"}]}]}"""));
        assertThat(parcels).hasSize(1);
        assertThat(parcels.get(0)).containsEntry("valid", true).containsEntry("mapSheet", 12).containsEntry("parcelNumber", 345);
        assertThat((List<?>) parcels.get(0).get("holders")).hasSize(2);
    }

    @Test
    void populationResidenceTakesThePermanentAddressNotTheCurrentOne() {
        String soap = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:dc=\"urn:vn:gov:csdlqgdc:congdan:1.0\"><s:Body>"
                + "<dc:TraCuuThongTinCongDanResponse><dc:MaLoi>0</dc:MaLoi><dc:CongDan><dc:SoDinhDanh>001203012345</dc:SoDinhDanh>"
                + "<dc:ThuongTru><dc:MaTinhThanh>01</dc:MaTinhThanh><dc:MaPhuongXa>00004</dc:MaPhuongXa><dc:ChiTiet>Số 12</dc:ChiTiet></dc:ThuongTru>"
                + "<dc:NoiOHienTai><dc:MaTinhThanh>01</dc:MaTinhThanh><dc:MaPhuongXa>00025</dc:MaPhuongXa></dc:NoiOHienTai>"
                + "</dc:CongDan></dc:TraCuuThongTinCongDanResponse></s:Body></s:Envelope>";
        Map<String, Object> r = RegistryFacts.residence(SafeXml.parse(soap.getBytes(StandardCharsets.UTF_8)));
        assertThat(r).containsEntry("personalId", "001203012345").containsEntry("communeCode", "00004").containsEntry("deceased", false);
    }
}
