package vn.lienthong.gateway.security;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import vn.lienthong.gateway.registry.Masking;

/**
 * Logback converter {@code %maskedMsg}: the log message with personal identifiers masked and on
 * one line — CR, LF and other control characters escaped ({@link LogText}) — so that a value from
 * outside can neither show a citizen ID in full nor forge a log line (see logback-spring.xml;
 * exception texts: {@link SafeThrowableConverter}).
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return LogText.escape(Masking.maskIdentifiers(super.convert(event)));
    }
}
