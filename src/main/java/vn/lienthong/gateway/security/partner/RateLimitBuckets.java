package vn.lienthong.gateway.security.partner;

import java.time.Clock;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partners' token buckets in the database (table {@code rate_limit_bucket}), shared by every
 * gateway instance. A lease locks the partner's row, refills it for the time elapsed since the last
 * lease (from the instances' clocks, kept in step by NTP; a clock behind the row's refills nothing)
 * and takes what it can.
 */
public class RateLimitBuckets {

    /** What a lease got: permits, or none and when to come back. */
    public record Lease(int granted, long retryAfterSeconds) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public RateLimitBuckets(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Takes up to {@code wanted} permits from the partner's bucket. */
    public Lease lease(String partnerId, Partner.RateLimit limit, int wanted) {
        try {
            return transactions.execute(status -> leaseLocked(partnerId, limit, wanted));
        } catch (DuplicateKeyException raced) {
            // another instance created the partner's row at the same moment: it exists now
            return transactions.execute(status -> leaseLocked(partnerId, limit, wanted));
        }
    }

    private Lease leaseLocked(String partnerId, Partner.RateLimit limit, int wanted) {
        long now = clock.millis();
        List<double[]> rows = jdbc.query("select tokens, refreshed_at from rate_limit_bucket where partner_id = ? for update",
                (rs, i) -> new double[] {rs.getDouble(1), rs.getLong(2)}, partnerId);
        double tokens;
        if (rows.isEmpty()) {
            tokens = limit.burst();
            jdbc.update("insert into rate_limit_bucket (partner_id, tokens, refreshed_at) values (?, ?, ?)", partnerId, tokens, now);
        } else {
            long elapsed = Math.max(0, now - (long) rows.get(0)[1]);
            tokens = Math.min(limit.burst(), rows.get(0)[0] + elapsed * limit.perSecond() / 1000.0);
        }
        int granted = (int) Math.min(wanted, Math.floor(tokens));
        jdbc.update("update rate_limit_bucket set tokens = ?, refreshed_at = ? where partner_id = ?", tokens - granted, now, partnerId);
        long retryAfter = granted > 0 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / limit.perSecond()));
        return new Lease(granted, retryAfter);
    }
}
