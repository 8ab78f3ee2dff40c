package vn.lienthong.gateway.security;

import ch.qos.logback.classic.pattern.ExtendedThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import vn.lienthong.gateway.registry.Masking;

/**
 * Logback converter {@code %safeEx} (logback-spring.xml): the stack trace as Spring Boot's
 * {@code %wEx} writes it (a blank line around it, packaging data), but every exception message in
 * it — the cause's and the suppressed ones' too — on one line ({@link LogText#escape}) and with
 * personal identifiers masked. Exception messages quote what came from outside (a folder name, a
 * field of a partner's message), so they must not be able to write a line of their own.
 */
public class SafeThrowableConverter extends ExtendedThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return CoreConstants.LINE_SEPARATOR + super.throwableProxyToString(new Safe(tp)) + CoreConstants.LINE_SEPARATOR;
    }

    static String clean(String message) {
        return message == null ? null : LogText.escape(Masking.maskIdentifiers(message));
    }

    /** The throwable as logback sees it, with its messages cleaned. */
    private record Safe(IThrowableProxy tp) implements IThrowableProxy {

        @Override
        public String getMessage() {
            return clean(tp.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return clean(tp.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return tp.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return tp.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return tp.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return tp.getCause() == null ? null : new Safe(tp.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = tp.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] safe = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                safe[i] = new Safe(suppressed[i]);
            }
            return safe;
        }

        @Override
        public boolean isCyclic() {
            return tp.isCyclic();
        }
    }
}
