package vn.lienthong.gateway.registry;

import java.util.Locale;

import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

/**
 * How a land parcel is found: by the serial of its land-use certificate (two letters and six
 * digits, {@code CS 000001}; written with or without the space), or by commune code (5 digits),
 * map sheet number (SoHieuBanDo) and parcel number (SoThuTuThua).
 */
public record LandParcelKey(String certificateNumber, String communeCode, Integer mapSheet, Integer parcelNumber) {

    public static LandParcelKey certificate(String raw) {
        // the path parameter arrives as sent: a space may still be written %20 or +
        String value = raw == null ? "" : raw.replace("%20", " ").replace('+', ' ').strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
        if (!value.matches("[A-Z]{2}\\d{6}")) {
            throw new ApiException(ErrorCode.LAND_PARCEL_QUERY_INVALID,
                    "A land-use certificate number is two letters and six digits, e.g. CS 000001.");
        }
        return new LandParcelKey(value.substring(0, 2) + " " + value.substring(2), null, null, null);
    }

    public static LandParcelKey parcel(String commune, String sheet, String parcel) {
        String c = commune == null ? "" : commune.strip();
        String s = sheet == null ? "" : sheet.strip();
        String p = parcel == null ? "" : parcel.strip();
        if (!c.matches("\\d{5}")) {
            throw new ApiException(ErrorCode.LAND_PARCEL_QUERY_INVALID, "A commune code is 5 digits (statistics office code), e.g. 00025.");
        }
        if (!s.matches("\\d{1,4}") || Integer.parseInt(s) == 0 || !p.matches("\\d{1,5}") || Integer.parseInt(p) == 0) {
            throw new ApiException(ErrorCode.LAND_PARCEL_QUERY_INVALID, "The map sheet (1-4 digits) and parcel number (1-5 digits) are positive numbers.");
        }
        return new LandParcelKey(null, c, Integer.parseInt(s), Integer.parseInt(p));
    }

    /** The land connector's query string. */
    String query() {
        return certificateNumber != null
                ? "soGiayChungNhan=" + certificateNumber.replace(" ", "%20")
                : "maXa=" + communeCode + "&soTo=" + mapSheet + "&soThua=" + parcelNumber;
    }

    /** For the access log's subject column. */
    String subject() {
        return certificateNumber != null ? certificateNumber : communeCode + "/" + mapSheet + "/" + parcelNumber;
    }
}
