package vn.lienthong.gateway.security;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import vn.lienthong.gateway.registry.Masking;

/**
 * Logback converter {@code %maskedMsg}: the log message with personal identifiers masked
 * (see logback-spring.xml). Ordinary logs never show a citizen ID in full.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Masking.maskIdentifiers(super.convert(event));
    }
}
