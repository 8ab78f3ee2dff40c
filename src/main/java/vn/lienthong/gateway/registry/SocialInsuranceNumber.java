package vn.lienthong.gateway.registry;

import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;

/** A social-insurance number (mã số BHXH): 10 digits. Masked in ordinary logs like every personal identifier. */
public record SocialInsuranceNumber(String value) {

    public static SocialInsuranceNumber parse(String raw) {
        String number = raw == null ? "" : raw.strip();
        if (!number.matches("\\d{10}")) {
            throw new ApiException(ErrorCode.SOCIAL_INSURANCE_NUMBER_INVALID, "A social-insurance number is 10 digits.");
        }
        return new SocialInsuranceNumber(number);
    }

    @Override
    public String toString() {
        return Masking.maskDigits(value);
    }
}
