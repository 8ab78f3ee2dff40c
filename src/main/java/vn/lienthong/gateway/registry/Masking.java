package vn.lienthong.gateway.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal identifiers in text meant for ordinary logs: any standalone run of 9 to 12
 * digits (personal ID, old ID card, social-insurance number) keeps its first and last three digits.
 * Agency codes ({@code 000.00.00.G22}), UUIDs, hashes and other codes with letters are left alone:
 * a run that follows a letter is part of a code (an axis message id such as AX0000000012).
 */
public final class Masking {

    /**
     * A run of 9 to 12 digits standing alone: not part of a longer word, code (AX0000000012) or hex string
     * (a UUID's last group, a SHA-256), whose digits are not identifiers.
     * A hyphen before is no boundary to a UUID's last group, only to a word (file-name-079190002222.pdf).
     */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9\\p{L}])(?<![0-9A-Fa-f]{4}-)(\\d{3})(\\d{3,6})(\\d{3})(?![0-9\\p{L}])");

    private Masking() {
    }

    public static String maskIdentifiers(String text) {
        if (text == null || text.length() < 9) {
            return text;
        }
        Matcher m = IDENTIFIER.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            m.appendReplacement(out, m.group(1) + "*".repeat(m.group(2).length()) + m.group(3));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    static String maskDigits(String id) {
        if (id.length() <= 6) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 3) + "*".repeat(id.length() - 6) + id.substring(id.length() - 3);
    }
}
