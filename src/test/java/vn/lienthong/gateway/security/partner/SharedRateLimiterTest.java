package vn.lienthong.gateway.security.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.lienthong.gateway.security.messagelog.TestDatabase;

/**
 * Two gateway instances on one database share each partner's rate: together they grant what one
 * partner may have, not twice that. The database is a real one (H2 file, the gateway's migrations);
 * time is a test clock so that the figures are exact.
 */
class SharedRateLimiterTest {

    static final Partner PARTNER = new Partner("igate", "iGate", null, Set.of("citizen.lookup"),
            new Partner.RateLimit(100, 100), List.of(), List.of(), List.of());

    @TempDir
    Path folder;
    TestDatabase database;
    final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    @BeforeEach
    void open() {
        database = TestDatabase.h2(folder);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void twoInstancesTogetherGrantThePartnersBurstOnceAndThenItsRate() {
        SharedRateLimiter first = instance();
        SharedRateLimiter second = instance();

        int[] granted = new int[2];
        long retryAfter = 0;
        for (int i = 0; i < 400; i++) {
            SharedRateLimiter instance = i % 2 == 0 ? first : second;
            long answer = instance.acquire(PARTNER);
            if (answer == 0) {
                granted[i % 2]++;
            } else {
                retryAfter = answer;
            }
        }
        assertThat(granted[0] + granted[1]).as("burst of 100, shared").isEqualTo(100);
        assertThat(granted[0]).as("both instances served the partner").isPositive();
        assertThat(granted[1]).isPositive();
        assertThat(retryAfter).isEqualTo(1);

        millis.addAndGet(500); // half a second: 50 permits refilled, for both instances together
        int later = 0;
        for (int i = 0; i < 400; i++) {
            if ((i % 2 == 0 ? first : second).acquire(PARTNER) == 0) {
                later++;
            }
        }
        assertThat(later).isEqualTo(50);
    }

    @Test
    void aLeaseNotUsedWithinASecondIsDroppedNotHoarded() {
        SharedRateLimiter instance = instance();
        assertThat(instance.acquire(PARTNER)).isZero(); // leases 5, hands out 1
        millis.addAndGet(10_000);                      // the bucket is full again: 100
        int granted = 0;
        for (int i = 0; i < 300; i++) {
            if (instance.acquire(PARTNER) == 0) {
                granted++;
            }
        }
        assertThat(granted).as("the 4 permits left from the old lease are not added to the new burst").isEqualTo(100);
    }

    @Test
    void withoutTheDatabaseEachInstanceFallsBackToItsOwnBucket() {
        SharedRateLimiter instance = instance();
        ((HikariDataSource) database.dataSource()).close();
        int granted = 0;
        for (int i = 0; i < 300; i++) {
            if (instance.acquire(PARTNER) == 0) {
                granted++;
            }
        }
        assertThat(granted).as("the local bucket's burst (its clock is the real one)").isBetween(100, 105);
    }

    @Test
    void leasesCoverAboutATwentiethOfASecond() {
        assertThat(SharedRateLimiter.leaseSize(new Partner.RateLimit(1000, 2000))).isEqualTo(50);
        assertThat(SharedRateLimiter.leaseSize(new Partner.RateLimit(1, 2))).isEqualTo(1);
        assertThat(SharedRateLimiter.leaseSize(new Partner.RateLimit(1000, 10))).isEqualTo(10);
    }

    private SharedRateLimiter instance() {
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(millis.get());
            }

            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
        return new SharedRateLimiter(new RateLimitBuckets(new JdbcTemplate(database.dataSource()), transactions, clock),
                () -> millis.get() * 1_000_000L);
    }
}
