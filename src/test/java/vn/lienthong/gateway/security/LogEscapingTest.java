package vn.lienthong.gateway.security;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.registry.Masking;

import static org.assertj.core.api.Assertions.assertThat;

/** What came from outside cannot forge a log line: the pattern's own converters escape message and exception text. */
class LogEscapingTest {

    private static final String FORGED = "Lô 2026 12\r\n20:00:00.000  INFO [main] vn.lienthong.gateway.Forged : admin logged in";

    @Test
    void aLineBreakInALoggedValueStaysOnTheEventsLine() {
        String line = layout().doLayout(event("Batch folder '{}' refused", new Object[]{FORGED}, null));
        assertThat(line.split("\n", -1)).as(line).hasSize(2); // the event's own line and the empty rest after its newline
        assertThat(line).contains("Lô 2026 12\\r\\n20:00:00.000  INFO").doesNotContain("\r");
    }

    @Test
    void anExceptionMessageIsEscapedAndMaskedItsFramesStayOnTheirLines() {
        IllegalStateException cause = new IllegalStateException("cause of 001203012345\nFORGED LINE");
        RuntimeException e = new RuntimeException("Unexpected batch folder '" + FORGED + "'", cause);
        e.addSuppressed(new IllegalArgumentException("suppressed\u2028FORGED TOO"));
        String text = layout().doLayout(event("Batch failed", null, e));
        for (String line : text.split("\\R")) {
            assertThat(line).as(text).doesNotStartWith("20:00:00.000").doesNotStartWith("FORGED");
        }
        assertThat(text).contains("'Lô 2026 12\\r\\n20:00:00.000  INFO [main] vn.lienthong.gateway.Forged : admin logged in'",
                "cause of 001******345\\nFORGED LINE", "suppressed\\u2028FORGED TOO", "\tat ")
                .doesNotContain("001203012345");
    }

    @Test
    void controlCharactersAreEscapedOrdinaryTextIsNot() {
        assertThat(LogText.escape("a\tb\u0000c\u001bd\u0085e")).isEqualTo("a\\tb\\u0000c\\u001bd\\u0085e");
        assertThat(LogText.escape("Nguyễn Văn An, 000.00.00.G22")).isEqualTo("Nguyễn Văn An, 000.00.00.G22");
        assertThat(LogText.escape(null)).isNull();
    }

    @Test
    void onlyPersonalIdsAreMaskedNotAgencyCodesHashesOrUuids() {
        String text = "from 000.00.12.H41 to 000.00.00.G22, document 000.00.12.H41,2026/12/05,123/QĐ-UBND, id 3f2a1c4e-0b6d-4e8a-9c1f-123456789012,"
                + " sha256 ab123456789012cd, citizen 001203012345, old card 012345678, file giay-khai-sinh-079190002222.pdf";
        assertThat(Masking.maskIdentifiers(text))
                .contains("000.00.12.H41 to 000.00.00.G22", "000.00.12.H41,2026/12/05,123/QĐ-UBND", "9c1f-123456789012", "ab123456789012cd")
                .contains("citizen 001******345", "old card 012***678", "giay-khai-sinh-079******222.pdf");
    }

    private static PatternLayout layout() {
        LoggerContext context = new LoggerContext();
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("maskedMsg", MaskingMessageConverter::new);
        layout.getInstanceConverterMap().put("safeEx", SafeThrowableConverter::new);
        // the pattern of logback-spring.xml
        layout.setPattern("%d{HH:mm:ss.SSS} %5p [%15.15t] %-40.40logger{39} : %maskedMsg%n%safeEx");
        layout.start();
        return layout;
    }

    private static LoggingEvent event(String message, Object[] args, Throwable t) {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent("test", context.getLogger("vn.lienthong.gateway.intake.BatchIntake"), Level.WARN, message, t, args);
    }
}
