package vn.lienthong.gateway.security.messagelog;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The bound on recording refusals: a few per source and second one by one, the rest counted. */
class RefusalThrottleTest {

    private static final long T0 = 1_760_000_000_000L;

    @Test
    void aFloodFromOneSourceIsRecordedAFewTimesAndCountedForTheRest() {
        RefusalThrottle throttle = new RefusalThrottle(5, 100, 1000);

        long admitted = IntStream.range(0, 1000).filter(i -> throttle.admit("ip:10.0.0.66", "AUTH_INVALID", 401, "citizen.lookup", T0 + i % 900)).count();

        assertThat(admitted).isEqualTo(5);
        List<RefusalThrottle.Suppressed> drained = throttle.drain();
        assertThat(drained).singleElement().satisfies(s -> {
            assertThat(s.source()).isEqualTo("ip:10.0.0.66");
            assertThat(s.code()).isEqualTo("AUTH_INVALID");
            assertThat(s.count()).isEqualTo(995);
            assertThat(s.httpStatus()).isEqualTo(401);
        });
        assertThat(throttle.drain()).isEmpty();
        // the next second, the source has its allowance again
        assertThat(throttle.admit("ip:10.0.0.66", "AUTH_INVALID", 401, "citizen.lookup", T0 + 1000)).isTrue();
    }

    @Test
    void everySourceTogetherIsBoundedTooAndSourcesBeyondTheLimitCountAsOthers() {
        RefusalThrottle throttle = new RefusalThrottle(5, 20, 50);

        long admitted = IntStream.range(0, 200).filter(i -> throttle.admit("ip:10.1.0." + i, "AUTH_REQUIRED", 401, "GET /api/x", T0)).count();

        assertThat(admitted).isEqualTo(20);
        List<RefusalThrottle.Suppressed> drained = throttle.drain();
        assertThat(drained.stream().mapToLong(RefusalThrottle.Suppressed::count).sum()).isEqualTo(180);
        assertThat(drained).hasSizeLessThanOrEqualTo(51);
        assertThat(drained).anySatisfy(s -> assertThat(s.source()).isEqualTo(RefusalThrottle.OTHERS));
    }

    @Test
    void codesAreCountedApartAndMixedServicesSaySo() {
        RefusalThrottle throttle = new RefusalThrottle(0, 100, 10);
        throttle.admit("slow-demo", "RATE_LIMITED", 429, "citizen.lookup", T0);
        throttle.admit("slow-demo", "RATE_LIMITED", 429, "registry.land", T0);
        throttle.admit("slow-demo", "SERVICE_NOT_GRANTED", 403, "edata.read", T0);

        assertThat(throttle.drain()).extracting(RefusalThrottle.Suppressed::code, RefusalThrottle.Suppressed::count, RefusalThrottle.Suppressed::service)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("RATE_LIMITED", 2L, "(various)"),
                        org.assertj.core.groups.Tuple.tuple("SERVICE_NOT_GRANTED", 1L, "edata.read"));
    }
}
