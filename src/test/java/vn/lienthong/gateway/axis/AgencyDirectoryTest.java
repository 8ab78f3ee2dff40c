package vn.lienthong.gateway.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.connector.UpstreamUnavailableException;

/** The agency directory: fetched from the axis, kept for its TTL, the old one used while the axis is down. */
class AgencyDirectoryTest {

    /** An axis whose directory answer the test controls. */
    static final class FakeAxis extends AxisClient {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean down;

        FakeAxis() {
            super(null);
        }

        @Override
        public List<Agency> agencies(String requestId) {
            calls.incrementAndGet();
            if (down) {
                throw new UpstreamUnavailableException("down");
            }
            return List.of(new Agency("000.00.12.H41", "Sở Tư pháp", null, null, null),
                    new Agency("000.00.00.G12", "Bộ Tư pháp", null, null, null));
        }
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-23T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final FakeAxis axis = new FakeAxis();
    final MovableClock clock = new MovableClock();
    final AgencyDirectory directory = new AgencyDirectory(axis, Duration.ofMinutes(10), clock);

    @Test
    void fetchedOnceWithinItsLifetimeAndAgainAfter() {
        assertThat(directory.require("000.00.12.H41").name()).isEqualTo("Sở Tư pháp");
        assertThat(directory.require("000.00.00.G12").name()).isEqualTo("Bộ Tư pháp");
        assertThat(axis.calls).hasValue(1);
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        directory.require("000.00.12.H41");
        assertThat(axis.calls).hasValue(2);
    }

    @Test
    void anUnknownCodeIsAgencyUnknown() {
        assertThatThrownBy(() -> directory.require("000.00.99.X99"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.AGENCY_UNKNOWN));
    }

    @Test
    void whileTheAxisIsDownTheDirectoryAlreadyHeldIsUsed() {
        directory.require("000.00.12.H41");
        axis.down = true;
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertThat(directory.require("000.00.12.H41").name()).isEqualTo("Sở Tư pháp");
        assertThat(axis.calls).hasValue(2);
    }

    @Test
    void withNoDirectoryYetAndTheAxisDownTheCallerIsToldItIsUnavailable() {
        axis.down = true;
        assertThatThrownBy(() -> directory.require("000.00.12.H41")).isInstanceOf(UpstreamUnavailableException.class);
    }
}
