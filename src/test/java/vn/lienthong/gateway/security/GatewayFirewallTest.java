package vn.lienthong.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The firewall's loop rules give the answers of Spring Security's own regular expressions, character for character. */
class GatewayFirewallTest {

    // the expressions StrictHttpFirewall 6.5 uses for names and for header values
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsSpringJudgesIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String s = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(GatewayFirewall.NAME.test(s)).as("name U+%04X", codePoint).isEqualTo(NAME.matcher(s).matches());
            assertThat(GatewayFirewall.HEADER_VALUE.test(s)).as("value U+%04X", codePoint).isEqualTo(HEADER_VALUE.matcher(s).matches());
        }
    }

    @Test
    void loneSurrogatesAndRandomTextAreJudgedAsSpringJudgesThem() {
        Random random = new Random(42);
        char[] alphabet = {'a', 'Ư', '\t', '\n', '\u0000', '\u007f', '\u0085', '\ud83d', '\ude00', '\uffff', '\u0378', ' ', 'ệ'};
        for (int n = 0; n < 200_000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(8); k > 0; k--) {
                s.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = s.toString();
            assertThat(GatewayFirewall.NAME.test(text)).as("name %s", text.chars().boxed().toList()).isEqualTo(NAME.matcher(text).matches());
            assertThat(GatewayFirewall.HEADER_VALUE.test(text)).as("value %s", text.chars().boxed().toList())
                    .isEqualTo(HEADER_VALUE.matcher(text).matches());
        }
    }

    @Test
    void ordinaryHeadersPassAndControlCharactersDoNot() {
        assertThat(GatewayFirewall.HEADER_VALUE.test("application/json; charset=UTF-8")).isTrue();
        assertThat(GatewayFirewall.HEADER_VALUE.test("Nguyễn Văn A")).isTrue();
        assertThat(GatewayFirewall.HEADER_VALUE.test("a\tb")).isTrue();
        assertThat(GatewayFirewall.NAME.test("a\tb")).isFalse();
        assertThat(GatewayFirewall.HEADER_VALUE.test("a\r\nX-Injected: 1")).isFalse();
        assertThat(GatewayFirewall.NAME.test("")).isTrue();
    }
}
