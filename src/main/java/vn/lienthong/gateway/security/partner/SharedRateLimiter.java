package vn.lienthong.gateway.security.partner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedRuntimeException;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * A partner's rate shared by every gateway instance on the same database: the token bucket is a row
 * ({@link RateLimitBuckets}), and each instance leases a few permits at a time from it — about
 * 1/20 of a second's worth — and hands them out locally. A partner therefore gets its rate once across
 * all instances, not once per instance, and the database sees one short transaction per lease, not
 * one per request. A lease not used within {@link #LEASE_TTL_NANOS} is dropped, so permits cannot be
 * hoarded into a burst larger than the partner's own.
 *
 * <p>While the database cannot be reached, each instance falls back to its own local bucket (a
 * warning is logged once) rather than refusing every partner, and tries the database again every
 * few seconds, not on every request.
 */
public final class SharedRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRateLimiter.class);
    static final long LEASE_TTL_NANOS = 1_000_000_000L;
    /** Leases cover this fraction of a second of the partner's rate. */
    private static final double LEASE_SECONDS = 0.05;

    private final RateLimitBuckets buckets;
    private final LocalRateLimiter fallback = new LocalRateLimiter();
    private final LongSupplier nanoTime;
    private final Map<String, Allowance> allowances = new ConcurrentHashMap<>();
    /** While the database is unreachable, it is asked again only after this pause. */
    static final long DATABASE_RETRY_NANOS = 5_000_000_000L;
    private volatile boolean degraded;
    private volatile long databaseRetryAt;

    public SharedRateLimiter(RateLimitBuckets buckets) {
        this(buckets, System::nanoTime);
    }

    SharedRateLimiter(RateLimitBuckets buckets, LongSupplier nanoTime) {
        this.buckets = buckets;
        this.nanoTime = nanoTime;
    }

    @Override
    public long acquire(Partner partner) {
        Allowance allowance = allowances.computeIfAbsent(partner.id(), id -> new Allowance());
        synchronized (allowance) {
            long now = nanoTime.getAsLong();
            if (allowance.permits > 0 && now - allowance.leasedAt < LEASE_TTL_NANOS) {
                allowance.permits--;
                return 0;
            }
            if (degraded && now - databaseRetryAt < 0) {
                return fallback.acquire(partner);
            }
            RateLimitBuckets.Lease lease;
            try {
                lease = buckets.lease(partner.id(), partner.rateLimit(), leaseSize(partner.rateLimit()));
                recovered();
            } catch (DataAccessException | TransactionException e) {
                degrade(e, now);
                return fallback.acquire(partner);
            }
            if (lease.granted() == 0) {
                allowance.permits = 0;
                return lease.retryAfterSeconds();
            }
            allowance.permits = lease.granted() - 1;
            allowance.leasedAt = now;
            return 0;
        }
    }

    static int leaseSize(Partner.RateLimit limit) {
        return (int) Math.max(1, Math.min(limit.burst(), Math.ceil(limit.perSecond() * LEASE_SECONDS)));
    }

    private void degrade(NestedRuntimeException e, long now) {
        databaseRetryAt = now + DATABASE_RETRY_NANOS;
        if (!degraded) {
            degraded = true;
            LOG.warn("Rate limits: the database cannot be reached ({}); each instance limits partners on its own until it can",
                    e.getMostSpecificCause().getMessage());
        }
    }

    private void recovered() {
        if (degraded) {
            degraded = false;
            LOG.info("Rate limits: shared through the database again");
        }
    }

    /** Permits this instance leased and has not handed out yet. */
    private static final class Allowance {
        int permits;
        long leasedAt;
    }
}
