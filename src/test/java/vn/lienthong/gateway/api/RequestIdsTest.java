package vn.lienthong.gateway.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void anIdIsAVersion7UuidThatStartsWithTheTime() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(RequestIds.next());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void idsMadeLaterSortAfterEarlierOnesAsText() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(RequestIds.next());
            Thread.sleep(2); // a later millisecond: within one, the order of two ids is random
        }
        assertThat(ids).isSorted();
    }

    @Test
    void idsDoNotRepeat() {
        HashSet<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(RequestIds.next())).isTrue();
        }
    }
}
