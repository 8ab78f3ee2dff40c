package vn.lienthong.gateway.security.partner;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per partner, kept in this process: right for a single gateway instance, and the
 * fallback of {@link SharedRateLimiter} while the database cannot be reached.
 */
public final class LocalRateLimiter implements RateLimiter {

    private static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(Partner.RateLimit limit, long now) {
            this.perNano = limit.perSecond() / 1e9;
            this.capacity = limit.burst();
            this.tokens = capacity;
            this.last = now;
        }

        /** 0 when a permit was taken, otherwise the whole seconds to wait for one. */
        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            double waitNanos = (1 - tokens) / perNano;
            return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Override
    public long acquire(Partner partner) {
        long now = System.nanoTime();
        return buckets.computeIfAbsent(partner.id(), id -> new Bucket(partner.rateLimit(), now)).take(now);
    }
}
