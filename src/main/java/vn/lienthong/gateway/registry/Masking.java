package vn.lienthong.gateway.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal identifiers in text meant for ordinary logs: any standalone run of 9 to 12
 * digits (personal ID, old ID card, social-insurance number) keeps its first and last three digits.
 * A run that follows a letter is part of a code (an axis message id such as AX0000000012) and is left alone.
 */
public final class Masking {

    /** Digits glued to a letter before them belong to a code (an axis message id AX0000000012), not to a personal ID. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\d\\p{L}])(\\d{3})(\\d{3,6})(\\d{3})(?!\\d)");

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
