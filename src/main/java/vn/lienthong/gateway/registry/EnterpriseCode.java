package vn.lienthong.gateway.registry;

import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

/**
 * An enterprise code (mã số doanh nghiệp, which is also the tax code): 10 digits, or for a branch
 * or dependent unit 10 digits, a hyphen and 3 digits ({@code 0100109106-001}). The 13 digits may
 * also be written without the hyphen; the canonical form has it.
 */
public record EnterpriseCode(String value) {

    public static EnterpriseCode parse(String raw) {
        String code = raw == null ? "" : raw.strip();
        if (code.matches("\\d{13}")) {
            code = code.substring(0, 10) + "-" + code.substring(10);
        }
        if (!code.matches("\\d{10}(-\\d{3})?")) {
            throw new ApiException(ErrorCode.ENTERPRISE_CODE_INVALID,
                    "An enterprise code is 10 digits, or 13 for a branch written NNNNNNNNNN-NNN (e.g. 0100109106-001).");
        }
        if (code.startsWith("00")) {
            throw new ApiException(ErrorCode.ENTERPRISE_CODE_INVALID, "An enterprise code never starts with 00.");
        }
        return new EnterpriseCode(code);
    }

    public boolean isBranch() {
        return value.length() == 14;
    }

    @Override
    public String toString() {
        return value;
    }
}
