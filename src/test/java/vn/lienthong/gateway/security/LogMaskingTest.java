package vn.lienthong.gateway.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.registry.Masking;

import static org.assertj.core.api.Assertions.assertThat;

class LogMaskingTest {

    @Test
    void identifiersAreMaskedInLogMessages() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("test", context.getLogger("test"), Level.INFO,
                "Look-up of {} (old card {}) by desk 42 at 20261123101500", null, new Object[]{"001203012345", "012345678"});
        MaskingMessageConverter converter = new MaskingMessageConverter();
        converter.start();
        String line = converter.convert(event);
        assertThat(line).doesNotContain("001203012345", "012345678")
                .contains("001******345", "012***678", "desk 42")
                // a 14-digit timestamp is not an identifier and is left alone
                .contains("20261123101500");
    }

    @Test
    void textWithoutIdentifiersIsUnchanged() {
        assertThat(Masking.maskIdentifiers("route citizen-lookup started in 12 ms")).isEqualTo("route citizen-lookup started in 12 ms");
        assertThat(Masking.maskIdentifiers(null)).isNull();
        // an axis message id is a code, not a personal ID (issue 16: refusals are logged with it)
        assertThat(Masking.maskIdentifiers("Axis message AX0000000012 refused")).isEqualTo("Axis message AX0000000012 refused");
        assertThat(Masking.maskIdentifiers("CCCD: 001203012345")).isEqualTo("CCCD: 001******345");
    }
}
