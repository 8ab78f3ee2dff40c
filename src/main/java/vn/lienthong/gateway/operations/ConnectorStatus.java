package vn.lienthong.gateway.operations;

/** The JMX face of one {@link ConnectorView} row: read-only attributes, no operation. */
public class ConnectorStatus implements ConnectorStatusMBean {

    private final ConnectorView view;
    private final String name;

    ConnectorStatus(ConnectorView view, String name) {
        this.view = view;
        this.name = name;
    }

    private ConnectorView.Row row() {
        return view.row(name);
    }

    @Override
    public String getTitle() {
        return row().title();
    }

    @Override
    public String getStatus() {
        return row().status();
    }

    @Override
    public String getCircuitBreaker() {
        return row().circuit();
    }

    @Override
    public String getLastError() {
        return row().lastError();
    }

    @Override
    public String getLastErrorAt() {
        return row().lastErrorAt() == null ? null : row().lastErrorAt().toString();
    }

    @Override
    public long getLastProbeLatencyMs() {
        Long latency = row().probe().latencyMs();
        return latency == null ? -1 : latency;
    }

    @Override
    public String getLastProbeAt() {
        return row().probe().at() == null ? null : row().probe().at().toString();
    }

    @Override
    public long getCalls() {
        return row().calls().calls();
    }

    @Override
    public long getFailedCalls() {
        return row().calls().failures();
    }

    @Override
    public int getCallsLast5Minutes() {
        return row().calls().callsLast5m();
    }

    @Override
    public double getErrorRateLast5Minutes() {
        return row().calls().errorRateLast5m();
    }

    @Override
    public long getMeanLatencyMsLast5Minutes() {
        return row().calls().meanLatencyMsLast5m();
    }
}
