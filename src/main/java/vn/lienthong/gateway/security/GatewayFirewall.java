package vn.lienthong.gateway.security;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall}, with its rules for header names, header values and parameter names
 * written as a loop over the code points instead of the regular expressions it ships with. The rules are the same:
 * every code point assigned in Unicode, none an ISO control character (a header value may hold a TAB).
 * <p>
 * Why: the firewall checks a header's name and value each time anything reads it, and a request is read many times
 * over on its way in (Spring MVC's handler look-up reads it once per registered mapping, twice per request), so the
 * regular expressions ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*}, one {@code Character.getType} per character)
 * were on up to a tenth of a look-up profile's samples (taken under load; the same-run benchmark saw no change beyond
 * its noise). {@code GatewayFirewallTest} checks that both give the same answer.
 */
public final class GatewayFirewall {

    /** Header and parameter names: assigned and not a control character. */
    static final Predicate<String> NAME = s -> allAssignedAndNotControl(s, false);
    /** Header values: the same, and a TAB is allowed. */
    static final Predicate<String> HEADER_VALUE = s -> allAssignedAndNotControl(s, true);

    private GatewayFirewall() {
    }

    public static StrictHttpFirewall create() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAME);
        firewall.setAllowedHeaderValues(HEADER_VALUE);
        firewall.setAllowedParameterNames(NAME);
        return firewall;
    }

    static boolean allAssignedAndNotControl(String s, boolean tabAllowed) {
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) { // printable ASCII: every header of an ordinary request
                i++;
                continue;
            }
            int codePoint = s.codePointAt(i);
            if (Character.isISOControl(codePoint) ? !(tabAllowed && codePoint == '\t') : !Character.isDefined(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
