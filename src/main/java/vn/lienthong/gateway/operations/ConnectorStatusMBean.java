package vn.lienthong.gateway.operations;

/** One national connector as Hawtio shows it (vn.lienthong.gateway:type=Connectors,name=<kamelet>). */
public interface ConnectorStatusMBean {

    String getTitle();

    /** UP, DOWN, DEGRADED (reachable, circuit open), UNKNOWN (not probed yet, or not configured). */
    String getStatus();

    /** The worst state of its circuit breakers: OPEN, HALF_OPEN, CLOSED, NONE. */
    String getCircuitBreaker();

    String getLastError();

    String getLastErrorAt();

    long getLastProbeLatencyMs();

    String getLastProbeAt();

    long getCalls();

    long getFailedCalls();

    int getCallsLast5Minutes();

    double getErrorRateLast5Minutes();

    long getMeanLatencyMsLast5Minutes();
}
