package vn.lienthong.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The connector view's five-minute window. */
class ConnectorCallsTest {

    private Instant now = Instant.parse("2026-12-05T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void theErrorRateCountsTheLastFiveMinutesOnlyAndTheLastErrorStays() {
        ConnectorCalls calls = new ConnectorCalls(clock);
        calls.record(true, 100, "UpstreamUnavailableException: down");
        calls.record(true, 300, "UpstreamUnavailableException: down again");
        now = now.plus(Duration.ofMinutes(4));
        calls.record(false, 20, null);
        calls.record(false, 40, null);

        ConnectorCalls.Snapshot during = calls.snapshot();
        assertThat(during.callsLast5m()).isEqualTo(4);
        assertThat(during.errorRateLast5m()).isEqualTo(0.5);
        assertThat(during.meanLatencyMsLast5m()).isEqualTo(115);
        assertThat(during.lastError()).isEqualTo("UpstreamUnavailableException: down again");

        now = now.plus(Duration.ofMinutes(2));
        ConnectorCalls.Snapshot later = calls.snapshot();
        assertThat(later.callsLast5m()).isEqualTo(2);
        assertThat(later.errorRateLast5m()).isZero();
        assertThat(later.calls()).isEqualTo(4);
        assertThat(later.failures()).isEqualTo(2);
        assertThat(later.lastErrorAt()).isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
    }
}
