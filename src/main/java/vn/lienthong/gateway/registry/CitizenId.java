package vn.lienthong.gateway.registry;

import java.time.Year;
import java.util.Set;

import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

/**
 * A citizen identifier as the population registry knows it: the 12-digit personal identification
 * number (số định danh cá nhân, printed on the CCCD) or the 9-digit number of an old identity card
 * (CMND).
 *
 * <p>A 12-digit number is {@code PPP G YY NNNNNN}: PPP the province where the birth was registered
 * ({@link #PROVINCE_CODES}), G the century and gender (0/1 = 20th century male/female, 2/3 = 21st,
 * 4/5 = 22nd, 6/7 = 23rd, 8/9 = 19th), YY the last two digits of the birth year.
 */
public record CitizenId(String value, Kind kind) {

    public enum Kind { PERSONAL_ID, OLD_ID_CARD }

    /** Birth-registration province codes used in personal identification numbers (Circular 59/2021/TT-BCA). */
    public static final Set<String> PROVINCE_CODES = Set.of(
            "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020",
            "022", "024", "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038",
            "040", "042", "044", "045", "046", "048", "049", "051", "052", "054", "056", "058", "060",
            "062", "064", "066", "067", "068", "070", "072", "074", "075", "077", "079", "080", "082",
            "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096");

    public static CitizenId parse(String raw) {
        String id = raw == null ? "" : raw.strip();
        if (id.matches("\\d{9}")) {
            return new CitizenId(id, Kind.OLD_ID_CARD);
        }
        if (!id.matches("\\d{12}")) {
            throw invalid("A citizen ID is 12 digits (personal identification number) or 9 digits (old identity card).");
        }
        if (!PROVINCE_CODES.contains(id.substring(0, 3))) {
            throw invalid("The first three digits of a personal identification number must be a province code.");
        }
        if (birthYear(id) > Year.now().getValue()) {
            throw invalid("The century and year digits of this personal identification number give a birth year in the future.");
        }
        return new CitizenId(id, Kind.PERSONAL_ID);
    }

    /** The birth year encoded in a 12-digit personal identification number. */
    public static int birthYear(String personalId) {
        int centuryDigit = personalId.charAt(3) - '0';
        int century = switch (centuryDigit / 2) {
            case 0 -> 1900;
            case 1 -> 2000;
            case 2 -> 2100;
            case 3 -> 2200;
            default -> 1800;
        };
        return century + Integer.parseInt(personalId.substring(4, 6));
    }

    /** True when the gender digit of a 12-digit personal identification number says female. */
    public static boolean isFemale(String personalId) {
        return (personalId.charAt(3) - '0') % 2 == 1;
    }

    /** The identifier with all but its first three and last three digits hidden, for logs. */
    public String masked() {
        return Masking.maskDigits(value);
    }

    @Override
    public String toString() {
        return masked();
    }

    private static ApiException invalid(String sentence) {
        return new ApiException(ErrorCode.CITIZEN_ID_INVALID, sentence);
    }
}
