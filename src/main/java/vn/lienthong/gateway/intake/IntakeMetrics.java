package vn.lienthong.gateway.intake;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import javax.management.JMException;
import javax.management.ObjectName;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.PlatformMBeans;

/**
 * The intake's counters: Micrometer meters (Prometheus: {@code gateway_intake_*}) and the same
 * figures as a JMX bean ({@code vn.lienthong.gateway:type=Intake,name=progress}) that Hawtio shows.
 * The gauges follow the batch being processed, item by item, so a large batch shows its progress.
 */
@Component
public class IntakeMetrics implements IntakeMetricsMBean {

    public static final String OBJECT_NAME = "vn.lienthong.gateway:type=Intake,name=progress";

    private final MeterRegistry registry;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong batchesCompleted = new AtomicLong();
    private final AtomicLong batchesRejected = new AtomicLong();
    private final AtomicLong batchesInterrupted = new AtomicLong();
    private final AtomicInteger currentTotal = new AtomicInteger();
    private final AtomicInteger currentDone = new AtomicInteger();
    private final AtomicReference<String> currentBatch = new AtomicReference<>("");

    private ObjectName objectName;
    /** Time to download one item's file from the partner's server. */
    final Timer download;
    /** Time to check, deposit and record one downloaded item. */
    final Timer store;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.download = Timer.builder("gateway.intake.item.download").description("Download of one item's file over SFTP").register(registry);
        this.store = Timer.builder("gateway.intake.item.store").description("Check, deposit and record of one downloaded item").register(registry);
        Gauge.builder("gateway.intake.batch.items", currentTotal, AtomicInteger::get)
                .description("Items in the batch being processed (0 when idle)").register(registry);
        Gauge.builder("gateway.intake.batch.items.pending", this, IntakeMetrics::getCurrentBatchPending)
                .description("Items of the batch being processed not decided yet").register(registry);
        // registered on the platform MBean server directly, whatever spring.jmx.enabled says: Hawtio reads it through Jolokia
        this.objectName = PlatformMBeans.register(this, OBJECT_NAME);
    }

    @PreDestroy
    void unregister() throws JMException {
        PlatformMBeans.unregister(objectName);
    }

    void batchStarted(String partner, String batchId, int items) {
        currentBatch.set(partner + "/" + batchId);
        currentDone.set(0);
        currentTotal.set(items);
    }

    void item(String partner, boolean wasAccepted) {
        (wasAccepted ? accepted : refused).incrementAndGet();
        currentDone.incrementAndGet();
        counter("gateway.intake.items", partner, wasAccepted ? "accepted" : "refused").increment();
    }

    /** An item already accepted in an earlier delivery, delivered again: progress moves, the items counter does not (each item counts once). */
    void itemAgain(String partner) {
        currentDone.incrementAndGet();
    }

    void batchEnded(String partner, String outcome) {
        switch (outcome) {
            case "completed" -> batchesCompleted.incrementAndGet();
            case "rejected", "abandoned" -> batchesRejected.incrementAndGet();
            default -> batchesInterrupted.incrementAndGet();
        }
        counter("gateway.intake.batches", partner, outcome).increment();
        currentBatch.set("");
        currentTotal.set(0);
        currentDone.set(0);
    }

    private Counter counter(String name, String partner, String outcome) {
        return Counter.builder(name).tag("partner", partner).tag("outcome", outcome).register(registry);
    }

    /** Items accepted and stored since start */
    @Override
    public long getItemsAccepted() {
        return accepted.get();
    }

    /** Items refused since start */
    @Override
    public long getItemsRefused() {
        return refused.get();
    }

    /** Batches completed (receipt written, moved to done/) since start */
    @Override
    public long getBatchesCompleted() {
        return batchesCompleted.get();
    }

    /** Batches whose manifest was unusable (moved to error/) since start */
    @Override
    public long getBatchesRejected() {
        return batchesRejected.get();
    }

    /** Batch attempts stopped by a store or server failure, to be retried */
    @Override
    public long getBatchesInterrupted() {
        return batchesInterrupted.get();
    }

    /** partner/batch id of the batch being processed, empty when idle */
    @Override
    public String getCurrentBatch() {
        return currentBatch.get();
    }

    /** Items in the batch being processed */
    @Override
    public int getCurrentBatchTotal() {
        return currentTotal.get();
    }

    /** Items of the batch being processed not decided yet */
    @Override
    public int getCurrentBatchPending() {
        return Math.max(0, currentTotal.get() - currentDone.get());
    }
}
