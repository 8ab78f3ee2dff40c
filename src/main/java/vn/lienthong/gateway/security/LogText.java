package vn.lienthong.gateway.security;

/**
 * Text from outside (a partner's folder name, an edXML field, an exception's message that quotes
 * either) made safe for a one-event-per-line log: CR, LF and every other control character (and
 * Unicode's line and paragraph separators) written as escapes, so that a value can never start a
 * forged log line. Applied to every message and every exception text by the log pattern
 * (logback-spring.xml: {@link MaskingMessageConverter}, {@link SafeThrowableConverter}): no call
 * site has to remember it.
 */
public final class LogText {

    private LogText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !unsafe(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (unsafe(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
