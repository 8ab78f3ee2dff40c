package vn.lienthong.gateway.security;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.lienthong.gateway.api.ErrorCode;

/**
 * How many partner requests ({@code /api/**}) the gateway works on at once ({@code gateway.http.max-concurrent-requests}).
 * One more is answered at once with 503 {@code GATEWAY_BUSY} and {@code Retry-After: 1}, before authentication and
 * before any route: nothing is done for it, nothing is stored or forwarded.
 * <p>
 * Without this gate an overloaded gateway took every request and queued what it could not serve (Tomcat's threads,
 * then the accept queue), so past saturation every caller waited longer and longer until they all timed out,
 * the requests it had capacity for among them. Refusing the excess quickly keeps the capacity for the requests it takes
 * (the benchmark's overload phase measures both). A refusal does no work for the request beyond the error body, and is
 * recorded like the other gate refusals ({@link GateRefusals}, throttled); with Tomcat's reading of the request and the
 * answer's writing, it came to about half a millisecond of CPU each in the benchmark's overload phase (an estimate
 * from its {@code overload CPU} line).
 * <p>
 * The requests in progress include those waiting on a slow national registry: the limit is sized for the registries'
 * latency times the traffic a province expects, not for the CPU alone.
 */
public final class AdmissionGate extends OncePerRequestFilter {

    private final Semaphore permits;
    private final int limit;

    public AdmissionGate(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("gateway.http.max-concurrent-requests must be at least 1, not " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!permits.tryAcquire()) {
            response.setHeader("Retry-After", "1");
            HttpErrors.write(request, response, ErrorCode.GATEWAY_BUSY,
                    "The gateway is working on " + limit + " requests, as many as it takes at once; retry in a moment.");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }

    /** Requests in progress now (for monitoring). */
    public int inProgress() {
        return limit - permits.availablePermits();
    }
}
