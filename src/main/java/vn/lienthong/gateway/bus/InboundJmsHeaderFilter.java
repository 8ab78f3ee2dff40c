package vn.lienthong.gateway.bus;

import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsHeaderFilterStrategy;
import vn.lienthong.gateway.security.CamelHeaderNames;

/**
 * JMS properties named like Camel's headers ({@code CamelFileName}, {@code cAmElHttpUri},
 * {@code org.apache.camel.*} in any letter case) never become message headers, and Camel's own
 * headers never leave as JMS properties. Camel 4.18.0's JMS filter compares case-sensitively
 * (CVE-2026-40453), so the gateway does not rely on it alone.
 */
public class InboundJmsHeaderFilter extends JmsHeaderFilterStrategy {

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return isCamelName(headerName) || super.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }

    /** Checked before and after Camel's JMS key decoding ({@code org_DOT_apache_DOT_camel_DOT_x} becomes {@code org.apache.camel.x}). */
    private static boolean isCamelName(String jmsName) {
        return CamelHeaderNames.isCamelName(jmsName)
                || CamelHeaderNames.isCamelName(jmsName.replace("_DOT_", ".").replace("_HYPHEN_", "-"));
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return isCamelName(headerName) || super.applyFilterToCamelHeaders(headerName, headerValue, exchange);
    }
}
