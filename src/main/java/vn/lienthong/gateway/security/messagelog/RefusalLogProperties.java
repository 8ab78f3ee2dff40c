package vn.lienthong.gateway.security.messagelog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many refusals at the gate the message log records one by one ({@code gateway.message-log.refusals.*});
 * see {@link RefusalThrottle}.
 *
 * @param perSource       refusals recorded one by one per source (partner, or caller address) and second
 * @param perSecond       and of all sources together per second
 * @param maxSources      sources told apart within a summary interval; the rest count as {@value RefusalThrottle#OTHERS}
 * @param summaryInterval how often the refusals counted instead are written, one summary record per source and code
 */
@ConfigurationProperties("gateway.message-log.refusals")
public record RefusalLogProperties(
        @DefaultValue("10") int perSource,
        @DefaultValue("100") int perSecond,
        @DefaultValue("1000") int maxSources,
        @DefaultValue("10s") Duration summaryInterval) {

    public RefusalLogProperties {
        if (summaryInterval.isNegative() || summaryInterval.isZero()) {
            throw new IllegalArgumentException("gateway.message-log.refusals.summary-interval must be positive");
        }
    }
}
