package vn.lienthong.gateway.registry;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The registries' answers in the gateway's own words: one normalised shape per registry, used by
 * the look-up APIs and by the reuse check. Field names on the left are the gateway's; on the right,
 * the registries' (FORMATS.md).
 */
public final class RegistryFacts {

    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private RegistryFacts() {
    }

    /** Business registry: {@code MainInformation, HOAdress, BusinessActivity[], Member[]}. */
    public static Map<String, Object> enterprise(JsonNode answer) {
        JsonNode main = answer.path("MainInformation");
        JsonNode address = answer.path("HOAdress");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("code", text(main, "ENTERPRISE_GDT_CODE"));
        out.put("parentCode", text(main, "PARENT_ENTERPRISE_CODE"));
        out.put("name", text(main, "NAME"));
        out.put("shortName", text(main, "SHORT_NAME"));
        out.put("foreignName", text(main, "NAME_F"));
        out.put("type", text(main, "ENTERPRISE_TYPE_NAME"));
        out.put("foundingDate", isoDate(text(main, "FOUNDING_DATE")));
        out.put("lastAmendDate", isoDate(text(main, "LAST_AMEND_DATE")));
        out.put("status", text(main, "ENTERPRISE_STATUS"));
        out.put("active", "Đang hoạt động".equalsIgnoreCase(text(main, "ENTERPRISE_STATUS")));
        out.put("capital", main.path("CAPITAL_AMOUNT").isNumber() ? main.path("CAPITAL_AMOUNT").asLong() : null);
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("provinceCode", text(address, "CityID"));
        head.put("communeCode", text(address, "WardID"));
        head.put("fullText", text(address, "AddressFullText"));
        out.put("headOffice", head);
        List<Map<String, Object>> activities = new ArrayList<>();
        for (JsonNode a : answer.path("BusinessActivity")) {
            activities.add(Map.of("code", a.path("CODE").asText(""), "name", a.path("NAME").asText(""), "main", a.path("IS_MAIN").asBoolean()));
        }
        out.put("activities", activities);
        List<Map<String, Object>> representatives = new ArrayList<>();
        for (JsonNode m : answer.path("Member")) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("fullName", text(m, "FULL_NAME"));
            r.put("personalId", text(m, "ID_NUMBER"));
            r.put("position", text(m, "POSITION"));
            representatives.add(r);
        }
        out.put("representatives", representatives);
        return out;
    }

    /** Social insurance: {@code maSoBhxh, soDinhDanh, hoTen, ngaySinh (yyyyMMdd), gioiTinh, maTinhKs, maXaKs, trangThai}. */
    public static Map<String, Object> participant(JsonNode p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", text(p, "maSoBhxh"));
        out.put("personalId", text(p, "soDinhDanh"));
        out.put("fullName", text(p, "hoTen"));
        String birth = text(p, "ngaySinh");
        out.put("birthDate", birth == null ? null : basicDate(birth));
        out.put("gender", "2".equals(text(p, "gioiTinh")) ? "FEMALE" : "1".equals(text(p, "gioiTinh")) ? "MALE" : null);
        out.put("birthProvinceCode", text(p, "maTinhKs"));
        out.put("birthCommuneCode", text(p, "maXaKs"));
        String status = text(p, "trangThai");
        out.put("status", switch (status == null ? "" : status) {
            case "1" -> "PARTICIPATING";
            case "2" -> "STOPPED";
            case "3" -> "CLOSED";
            default -> "UNKNOWN";
        });
        return out;
    }

    /** Social insurance search answer: {@code danhSach[]}. */
    public static List<Map<String, Object>> participants(JsonNode answer) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode p : answer.path("danhSach")) {
            out.add(participant(p));
        }
        return out;
    }

    /** Land: {@code danhSachThuaDat[]} of {@code SoGiayChungNhan, MaXa, SoHieuBanDo, SoThuTuThua, DienTich, DiaChi, MucDichSuDung, NgayCap, TrangThai, ChuSuDung[]}. */
    public static List<Map<String, Object>> parcels(JsonNode answer) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (JsonNode p : answer.path("danhSachThuaDat")) {
            Map<String, Object> parcel = new LinkedHashMap<>();
            parcel.put("certificateNumber", text(p, "SoGiayChungNhan"));
            parcel.put("communeCode", text(p, "MaXa"));
            parcel.put("mapSheet", p.path("SoHieuBanDo").asInt());
            parcel.put("parcelNumber", p.path("SoThuTuThua").asInt());
            parcel.put("area", p.path("DienTich").asDouble());
            parcel.put("address", text(p, "DiaChi"));
            parcel.put("landUse", text(p, "MucDichSuDung"));
            parcel.put("issueDate", text(p, "NgayCap"));
            parcel.put("valid", "Còn hiệu lực".equalsIgnoreCase(text(p, "TrangThai")));
            parcel.put("status", text(p, "TrangThai"));
            List<Map<String, Object>> holders = new ArrayList<>();
            for (JsonNode h : p.path("ChuSuDung")) {
                holders.add(Map.of("fullName", h.path("HoTen").asText(""), "personalId", h.path("SoDinhDanh").asText("")));
            }
            parcel.put("holders", holders);
            out.add(parcel);
        }
        return out;
    }

    /** Population registry, residence only (what the reuse check needs): the permanent residence of a {@code CongDan}. */
    public static Map<String, Object> residence(Document answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        Element permanent = firstElement(answer, "ThuongTru");
        out.put("personalId", firstText(answer.getDocumentElement(), "SoDinhDanh"));
        out.put("deceased", firstElement(answer, "NgayMat") != null);
        if (permanent != null) {
            out.put("provinceCode", firstText(permanent, "MaTinhThanh"));
            out.put("communeCode", firstText(permanent, "MaPhuongXa"));
            out.put("detail", firstText(permanent, "ChiTiet"));
        }
        return out;
    }

    private static Element firstElement(Document doc, String localName) {
        NodeList nodes = doc.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    private static String firstText(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n.getTextContent() != null && !n.getTextContent().isBlank()) {
                return n.getTextContent().strip();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.isValueNode() ? null : v.asText();
    }

    private static String isoDate(String dmy) {
        if (dmy == null) {
            return null;
        }
        try {
            return LocalDate.parse(dmy, DMY).toString();
        } catch (DateTimeParseException e) {
            return dmy;
        }
    }

    private static String basicDate(String yyyymmdd) {
        try {
            return LocalDate.parse(yyyymmdd, DateTimeFormatter.BASIC_ISO_DATE).toString();
        } catch (DateTimeParseException e) {
            return yyyymmdd;
        }
    }
}
