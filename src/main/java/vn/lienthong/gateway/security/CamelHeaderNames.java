package vn.lienthong.gateway.security;

import java.util.Locale;

/**
 * Names that would steer Camel if they arrived from outside: anything starting with {@code Camel}
 * or {@code org.apache.camel.}, in any letter case. Every entry point drops them
 * (HTTP: {@link InboundRequestFilter}; JMS: {@code bus.InboundJmsHeaderFilter}).
 */
public final class CamelHeaderNames {

    private CamelHeaderNames() {
    }

    public static boolean isCamelName(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("camel") || lower.startsWith("org.apache.camel.");
    }
}
