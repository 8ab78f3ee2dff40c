package vn.lienthong.gateway.intake;

/** The intake's figures over JMX ({@value IntakeMetrics#OBJECT_NAME}), as Hawtio shows them. */
public interface IntakeMetricsMBean {

    long getItemsAccepted();

    long getItemsRefused();

    long getBatchesCompleted();

    long getBatchesRejected();

    long getBatchesInterrupted();

    String getCurrentBatch();

    int getCurrentBatchTotal();

    int getCurrentBatchPending();
}
