package vn.lienthong.gateway.operations;

import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/** The JMX face of {@link Backlogs} and {@link DeadLetters}: read-only attributes, each read asks the stores again. */
@Component
public class BacklogStatus implements BacklogStatusMBean {

    static final String OBJECT_NAME = "vn.lienthong.gateway:type=Operations,name=backlogs";

    private final Backlogs backlogs;
    private final DeadLetters deadLetters;
    private final JmxBeans beans = new JmxBeans();

    public BacklogStatus(Backlogs backlogs, DeadLetters deadLetters) {
        this.backlogs = backlogs;
        this.deadLetters = deadLetters;
    }

    @PostConstruct
    void register() {
        beans.register(this, OBJECT_NAME);
    }

    @PreDestroy
    void unregister() {
        beans.unregisterAll();
    }

    private long count(String flow, String figure) {
        Object value = ((Map<?, ?>) backlogs.counts().get(flow)).get(figure);
        return value instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public long getDossierEventsPending() {
        return count("dossierEvents", "pending");
    }

    @Override
    public long getDossierEventsHeld() {
        return count("dossierEvents", "held");
    }

    @Override
    public long getDossierEventsFailed() {
        return count("dossierEvents", "failed");
    }

    @Override
    public long getOnlineDossiersPending() {
        return count("onlineDossiers", "pending");
    }

    @Override
    public long getOnlineDossiersFailed() {
        return count("onlineDossiers", "failed");
    }

    @Override
    public long getAxisOutboundPending() {
        return count("axisOutbound", "pending");
    }

    @Override
    public long getAxisOutboundFailed() {
        return count("axisOutbound", "failed");
    }

    @Override
    public long getIntakeBatchesInProgress() {
        return count("intakeBatches", "inProgress");
    }

    @Override
    public long getDeadLetters() {
        return deadLetters.available() ? deadLetters.depths().values().stream().mapToLong(Long::longValue).sum() : -1;
    }

    @Override
    public String getMessageLogLastSealAt() {
        Object at = backlogs.chain().get("lastSealAt");
        return at == null ? null : at.toString();
    }

    @Override
    public long getMessageLogUnsealedRecords() {
        Object unsealed = backlogs.chain().get("unsealedRecords");
        return unsealed instanceof Number n ? n.longValue() : 0;
    }
}
