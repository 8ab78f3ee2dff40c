package vn.lienthong.gateway.edata;

import java.util.regex.Pattern;

import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.registry.CitizenId;
import vn.lienthong.gateway.registry.Masking;

/**
 * Whose document it is. A citizen is known by the 12-digit personal identification number only:
 * the old 9-digit identity card numbers are being retired and would split one person's documents
 * under two keys. An enterprise is known by its enterprise code (10 digits, a branch or dependent
 * unit {@code NNNNNNNNNN-NNN}).
 */
public enum OwnerType {
    CITIZEN,
    ENTERPRISE;

    private static final Pattern ENTERPRISE_CODE = Pattern.compile("\\d{10}(-\\d{3})?");

    /** The identifier in its stored form, or {@code OWNER_ID_INVALID} saying why. */
    public String normalise(String raw) {
        String id = raw == null ? "" : raw.strip();
        if (this == CITIZEN) {
            CitizenId citizen;
            try {
                citizen = CitizenId.parse(id);
            } catch (ApiException e) {
                throw new ApiException(ErrorCode.OWNER_ID_INVALID, e.getMessage());
            }
            if (citizen.kind() != CitizenId.Kind.PERSONAL_ID) {
                throw new ApiException(ErrorCode.OWNER_ID_INVALID,
                        "A citizen's documents are kept under the 12-digit personal identification number, not an old identity card number.");
            }
            return citizen.value();
        }
        if (!ENTERPRISE_CODE.matcher(id).matches()) {
            throw new ApiException(ErrorCode.OWNER_ID_INVALID,
                    "An enterprise code is 10 digits, or 10 digits, a hyphen and 3 digits for a branch (e.g. 0100109106-001).");
        }
        return id;
    }

    /** The identifier with its middle hidden, for logs. */
    public static String masked(String ownerId) {
        return ownerId == null ? null : Masking.maskIdentifiers(ownerId);
    }
}
