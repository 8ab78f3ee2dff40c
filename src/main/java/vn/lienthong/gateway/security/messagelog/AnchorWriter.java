package vn.lienthong.gateway.security.messagelog;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link ChainAnchor} file up to date with the seals this instance commits, on a thread of its own:
 * the file is forced to disk, which must not stall the message log's writer (under load it seals many times a
 * second). Only the newest seal waiting is written. The anchor only moves forward, and only along the chain it
 * anchors: before replacing it, the writer checks that the database still holds the anchored record with the
 * anchored hash. If not (the chain was cut off and has grown again since), the old anchor is kept as the
 * evidence it is, and an error logged, until an operator has looked and moved the file away.
 */
final class AnchorWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnchorWriter.class);

    /** The hash of the record with a sequence number in the database; null when there is none. */
    @FunctionalInterface
    interface RecordHashes {
        String at(long seq) throws Exception;
    }

    private final Path file;
    private final RecordHashes records;
    private final AtomicReference<ChainAnchor> waiting = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closing;
    private ChainAnchor anchored;
    private boolean diverged;

    AnchorWriter(Path file, RecordHashes records) {
        this.file = file;
        this.records = records;
        this.anchored = ChainAnchor.read(file).orElse(null);
        this.thread = new Thread(this::run, "message-log-anchor");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    Path file() {
        return file;
    }

    /** Called after the seal's transaction committed. */
    void sealed(Seal seal) {
        waiting.accumulateAndGet(ChainAnchor.of(seal), (old, next) -> old == null || next.sealNo() > old.sealNo() ? next : old);
        LockSupport.unpark(thread);
    }

    private void run() {
        while (!closing) {
            LockSupport.parkNanos(100_000_000L);
            writeWaiting();
        }
    }

    private synchronized void writeWaiting() {
        ChainAnchor anchor = waiting.getAndSet(null);
        if (anchor == null || diverged || (anchored != null && anchor.sealNo() <= anchored.sealNo())) {
            return;
        }
        try {
            if (anchored != null && !anchored.lastRecordHash().equals(records.at(anchored.lastSeq()))) {
                diverged = true;
                LOG.error("The message log's chain no longer holds the record anchored by {}: it was cut off and has grown again."
                        + " The anchor is kept as evidence and no longer moves; verify the log, then move {} away.", anchored.describe(), file);
                return;
            }
            anchor.write(file);
            anchored = anchor;
        } catch (Exception e) {
            LOG.error("The message log's anchor {} could not be written (seal {}); truncation of the newest records would not be seen"
                    + " until it is", file, anchor.sealNo(), e);
            waiting.compareAndSet(null, anchor);
        }
    }

    /** Writes the last seal waiting, then stops. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeWaiting();
    }
}
