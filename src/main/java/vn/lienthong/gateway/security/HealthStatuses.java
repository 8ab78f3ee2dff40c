package vn.lienthong.gateway.security;

import java.util.Set;

import org.springframework.boot.actuate.availability.LivenessStateHealthIndicator;
import org.springframework.boot.actuate.availability.ReadinessStateHealthIndicator;
import org.springframework.boot.actuate.health.SimpleStatusAggregator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code /actuator/health} says as a whole. One national system unreachable, or one route stopped by an operator,
 * does not stop the gateway: the other flows, and the other systems, still serve. So the whole is {@link #DEGRADED}
 * (HTTP 200) when a part is down, and the authenticated answer names the part (connectors.land-registry-action: DOWN, its
 * URL and error; camel: the stopped route). Whether the gateway can serve at all is the readiness group's answer
 * (its own order: DOWN, 503, only for the application's readiness, the database and the broker); liveness is the
 * application's own state alone. Both groups keep their own status order in application.yaml, so this aggregator is
 * the root's (and its components') only.
 */
@Configuration(proxyBeanMethods = false)
class HealthStatuses {

    /** A part is down or out of service; the gateway still serves the rest. */
    static final Status DEGRADED = new Status("DEGRADED");

    private static final StatusAggregator ORDER = new SimpleStatusAggregator(Status.DOWN, Status.OUT_OF_SERVICE, DEGRADED,
            Status.UNKNOWN, Status.UP);

    /**
     * The application's own readiness (started, accepting traffic), without Camel's route and consumer checks that Camel's
     * readiness indicator adds: a route an operator stopped does not make the gateway unready.
     */
    @Bean
    ReadinessStateHealthIndicator applicationReadinessHealthIndicator(ApplicationAvailability availability) {
        return new ReadinessStateHealthIndicator(availability);
    }

    /** The application's own liveness: DOWN only when Spring marks it broken. */
    @Bean
    LivenessStateHealthIndicator applicationLivenessHealthIndicator(ApplicationAvailability availability) {
        return new LivenessStateHealthIndicator(availability);
    }

    @Bean
    StatusAggregator healthStatusAggregator() {
        return HealthStatuses::aggregate;
    }

    static Status aggregate(Set<Status> statuses) {
        Status worst = ORDER.getAggregateStatus(statuses);
        return Status.DOWN.equals(worst) || Status.OUT_OF_SERVICE.equals(worst) ? DEGRADED : worst;
    }
}
