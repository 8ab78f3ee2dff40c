package vn.lienthong.gateway.security.partner;

/**
 * Keeps each partner within its rate ({@link Partner.RateLimit}), so that a partner above its rate
 * is slowed down and nobody else is.
 */
public interface RateLimiter {

    /** Takes one permit for the partner: 0 if allowed, else the whole seconds after which to retry. */
    long acquire(Partner partner);
}
