package vn.lienthong.gateway.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal identifiers in text meant for ordinary logs: any standalone run of 9 to 12
 * digits (personal ID, old ID card, social-insurance number) keeps its first and last three digits.
 * Agency codes ({@code 000.00.00.G22}), UUIDs, hashes and other codes with letters are left alone:
 * a run that follows a letter is part of a code (an axis message id such as AX0000000012).
 * <p>
 * Identifiers of other shapes are masked by the rules configuration adds: each identifier type of
 * {@code mappings/identifier-types.yaml} ({@link IdentifierTypes}) masks what its pattern matches, standing alone,
 * keeping the first and last characters it says.
 */
public final class Masking {

    /**
     * A run of 9 to 12 digits standing alone: not part of a longer word, code (AX0000000012) or hex string
     * (a UUID's last group, a SHA-256), whose digits are not identifiers.
     * A hyphen before is no boundary to a UUID's last group, only to a word (file-name-079190002222.pdf).
     */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![0-9\\p{L}])(?<![0-9A-Fa-f]{4}-)(\\d{3})(\\d{3,6})(\\d{3})(?![0-9\\p{L}])");

    /** A configured rule: what its pattern matches (standing alone) keeps {@code first} and {@code last} characters. */
    record Rule(Pattern pattern, int first, int last) {
    }

    /** The configured rules by identifier type; a union over every configuration loaded in this JVM, never fewer. */
    private static final Map<String, Rule> RULES = new ConcurrentHashMap<>();

    private Masking() {
    }

    /** Masks, from now on, what {@code pattern} matches in log text (not inside a longer word), keeping {@code first} and {@code last} characters. */
    static void register(String type, String pattern, int first, int last) {
        RULES.put(type, new Rule(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + pattern + ")(?![\\p{L}\\p{N}])"), first, last));
    }

    public static String maskIdentifiers(String text) {
        if (text == null || RULES.isEmpty()) {
            return maskDigitRuns(text);
        }
        // the configured shapes first: a digit run inside one is the type's to mask
        String masked = text;
        for (Rule rule : RULES.values()) {
            Matcher m = rule.pattern().matcher(masked);
            if (m.find()) {
                StringBuilder out = new StringBuilder(masked.length());
                do {
                    m.appendReplacement(out, Matcher.quoteReplacement(mask(m.group(), rule.first(), rule.last())));
                } while (m.find());
                m.appendTail(out);
                masked = out.toString();
            }
        }
        return maskDigitRuns(masked);
    }

    private static String maskDigitRuns(String text) {
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
        return mask(id, 3, 3);
    }

    /** {@code id} with all but its first {@code first} and last {@code last} characters hidden; all hidden when it is not longer than both. */
    static String mask(String id, int first, int last) {
        if (id.length() <= first + last) {
            return "*".repeat(id.length());
        }
        return id.substring(0, first) + "*".repeat(id.length() - first - last) + id.substring(id.length() - last);
    }
}
