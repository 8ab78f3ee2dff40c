package vn.lienthong.gateway.operations;

/** The backlogs, dead letters and the message log's chain as Hawtio shows them (vn.lienthong.gateway:type=Operations,name=backlogs). */
public interface BacklogStatusMBean {

    long getDossierEventsPending();

    long getDossierEventsHeld();

    long getDossierEventsFailed();

    long getOnlineDossiersPending();

    long getOnlineDossiersFailed();

    long getAxisOutboundPending();

    long getAxisOutboundFailed();

    long getIntakeBatchesInProgress();

    /** Messages waiting in all dead-letter queues of the embedded broker (-1 with an external broker). */
    long getDeadLetters();

    String getMessageLogLastSealAt();

    long getMessageLogUnsealedRecords();
}
