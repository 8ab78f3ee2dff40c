package vn.lienthong.gateway.security.messagelog;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.crypto.CmsSigner;

/**
 * The message log (after X-Road's): every exchange with a partner, inbound or outbound, becomes a
 * database row in one hash chain, and the chain is regularly sealed with the gateway's signature.
 * <p>
 * <b>How to use:</b> call {@link #append(MessageLogEntry)} once per exchange, after the exchange
 * has its outcome and before answering the partner. It returns when the record is committed — so
 * what the partner was told is on record — or throws {@link MessageLogException}, in which case
 * the partner must be told the exchange failed.
 * <p>
 * <b>Group commit:</b> one writer thread takes whatever is queued (up to {@code max-batch-size}
 * entries) and commits it in one transaction, under one lock of the chain head. Many callers thus
 * share one commit; a caller waits about one transaction, never a queue of them one by one. The
 * queue is bounded ({@code queue-capacity}): when the database cannot keep up, callers wait up to
 * {@code append-timeout} and then fail, instead of the gateway running out of memory.
 * <p>
 * The same commit also serves rows that need no record ({@link #commitWithNextBatch}).
 * <p>
 * <b>Seals</b> are written by the same thread: inside a batch's transaction when
 * {@code seal-every-records} records are unsealed, and every {@code seal-interval} when some are
 * (so a quiet gateway's last records are sealed too), and once more on shutdown. Each seal is logged at INFO
 * (number, range, last record hash) and, when the log has an anchor file, written there after its commit
 * ({@link ChainAnchor}): the head of the chain kept outside the database, so that cutting off the newest records
 * is seen by the verifier.
 * <p>
 * Nothing about the chain is kept in memory: each batch reads the head row it locks. A restart,
 * or a second gateway instance on the same database, simply continues the chain.
 */
public final class MessageLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLog.class);
    /** How long the idle writer sleeps between looks at the clock (seal interval, shutdown). */
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MessageLogStore store;
    private final MessageLogProperties properties;
    private final BlockingQueue<Pending> queue;
    private final Thread writer;
    private final AnchorWriter anchor;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private volatile boolean closing;

    /** What one caller queued: its records (none for a bare write), committed in the same transaction, and its write. */
    private record Pending(List<MessageLogEntry> entries, SameTransaction also, CompletableFuture<Long> committed) {
    }

    private MessageLog(DataSource dataSource, CmsSigner signer, MessageLogProperties properties, Path anchorFile) {
        this.anchor = anchorFile == null ? null : new AnchorWriter(anchorFile, seq -> MessageLogStore.recordHash(dataSource, seq));
        this.store = new MessageLogStore(dataSource, signer, properties.keepBodies(), properties.sealEveryRecords(), this::sealed);
        this.properties = properties;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.writer = new Thread(this::writeUntilClosed, "message-log-writer");
        this.writer.setDaemon(true);
    }

    /** A message log writing to {@code dataSource} (schema by Flyway), its writer thread started. */
    public static MessageLog start(DataSource dataSource, CmsSigner signer, MessageLogProperties properties) {
        return start(dataSource, signer, properties, null);
    }

    /**
     * A message log that also anchors each seal it makes in {@code anchorFile} (null: none). Warns at start when
     * the anchor is ahead of the database's chain: records were cut off since (the anchor is kept as it is).
     */
    public static MessageLog start(DataSource dataSource, CmsSigner signer, MessageLogProperties properties, Path anchorFile) {
        MessageLog log = new MessageLog(dataSource, signer, properties, anchorFile);
        if (anchorFile != null) {
            checkAnchor(dataSource, anchorFile);
        }
        log.writer.start();
        return log;
    }

    private static void checkAnchor(DataSource dataSource, Path anchorFile) {
        try (Connection connection = dataSource.getConnection()) {
            ChainHead head = MessageLogStore.readHead(connection);
            ChainAnchor.read(anchorFile).filter(a -> a.sealNo() > head.lastSealNo() || a.lastSeq() > head.lastSeq())
                    .ifPresent(a -> LOG.error("The message log's chain ends at record {} (seal {}), before its anchor: {}."
                            + " Records were cut off; run the verifier.", head.lastSeq(), head.lastSealNo(), a.describe()));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not compare the message log with its anchor {}", anchorFile, e);
        }
    }

    /** After a seal's commit: the log line and the anchor, which say where the chain's head was, outside the database. */
    private void sealed(Seal seal) {
        LOG.info("Message log sealed: seal {} over records {} to {}, last record hash {}, sealed at {}",
                seal.sealNo(), seal.firstSeq(), seal.lastSeq(), seal.lastRecordHash(), seal.sealedAt());
        if (anchor != null) {
            anchor.sealed(seal);
        }
    }

    /**
     * Records one exchange and returns its sequence number once it is committed.
     *
     * @throws MessageLogException when it could not be recorded within {@code append-timeout}
     */
    public long append(MessageLogEntry entry) {
        return append(entry, null);
    }

    /**
     * Records one exchange, and writes {@code also} (may be null) in the same transaction, so that a row
     * another table keeps about the exchange becomes durable with the record, for no commit of its own.
     * Returns once both are committed.
     *
     * @throws MessageLogException when they could not be recorded within {@code append-timeout}
     */
    public long append(MessageLogEntry entry, SameTransaction also) {
        return submit(List.of(Objects.requireNonNull(entry, "entry")), also);
    }

    /**
     * Records several exchanges (in this order, one after the other in the chain) and {@code also} (may be null) in one
     * transaction: an answer and the calls made for it become durable together, for one commit. Returns the last
     * record's sequence number once all are committed.
     *
     * @throws MessageLogException when they could not be recorded within {@code append-timeout}
     */
    public long appendAll(List<MessageLogEntry> entries, SameTransaction also) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("No entry to append");
        }
        entries.forEach(entry -> Objects.requireNonNull(entry, "entry"));
        return submit(List.copyOf(entries), also);
    }

    /**
     * Queues an entry and returns at once, without waiting for its commit: for records no answer depends on
     * (refusals at the gate, which must never hold a request thread while the database is slow). False when the
     * queue is full or the log is shutting down: the entry was not queued. A failed commit is logged, not thrown.
     */
    public boolean appendWithoutWaiting(MessageLogEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return !closing && queue.offer(new Pending(List.of(entry), null, new CompletableFuture<>()));
    }

    /**
     * Writes {@code write} in the transaction of the next batch, with no record of its own, and returns once it
     * is committed: a row that must be durable before its caller goes on (a dossier event's delivery mark)
     * shares the group commit instead of paying for a commit of its own.
     *
     * @throws MessageLogException when it could not be committed within {@code append-timeout}
     */
    public void commitWithNextBatch(SameTransaction write) {
        submit(List.of(), Objects.requireNonNull(write, "write"));
    }

    /** Queues entries, a write or both for the writer; returns the last entry's sequence number (null without entry) once committed. */
    private Long submit(List<MessageLogEntry> entries, SameTransaction also) {
        if (closing) {
            throw new MessageLogException("The message log is shutting down; the exchange was not recorded.");
        }
        long deadline = System.nanoTime() + properties.appendTimeout().toNanos();
        Pending pending = new Pending(entries, also, new CompletableFuture<>());
        try {
            if (!queue.offer(pending, properties.appendTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                throw new MessageLogException("The message log is full (" + properties.queueCapacity()
                        + " entries waiting for the database); the exchange was not recorded.");
            }
            return pending.committed().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MessageLogException("Interrupted while recording the exchange in the message log.", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof MessageLogException failure
                    ? failure : new MessageLogException("The message log failed.", e.getCause());
        } catch (TimeoutException e) {
            throw new MessageLogException("The message log did not commit the exchange within " + properties.appendTimeout()
                    + "; treat it as not recorded (it may still be written later).");
        }
    }

    /** Batches committed since start (for monitoring and the benchmark). */
    public long batchesWritten() {
        return batches.get();
    }

    /** Records committed since start. */
    public long recordsWritten() {
        return records.get();
    }

    /** What the batches committed since start carried: records and rows written with them ({@link #commitWithNextBatch}). */
    public long itemsWritten() {
        return items.get();
    }

    /** Writes what is queued, seals what is unsealed, and stops the writer. */
    @Override
    public void close() {
        closing = true;
        try {
            writer.join(properties.appendTimeout().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failLeftovers();
        if (anchor != null) {
            anchor.close();
        }
    }

    private void writeUntilClosed() {
        List<Pending> batch = new ArrayList<>(properties.maxBatchSize());
        long sealInterval = properties.sealInterval().toNanos();
        long nextSeal = System.nanoTime() + sealInterval;
        while (!closing || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(Math.max(1, Math.min(IDLE_POLL_NANOS, nextSeal - System.nanoTime())), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                continue; // nobody interrupts this thread on purpose; the loop condition decides
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, properties.maxBatchSize() - 1);
                write(batch);
                batch.clear();
            }
            if (System.nanoTime() - nextSeal >= 0) {
                sealUnsealed();
                nextSeal = System.nanoTime() + sealInterval;
            }
        }
        sealUnsealed();
    }

    private void write(List<Pending> batch) {
        List<MessageLogEntry> entries = new ArrayList<>(batch.size());
        List<SameTransaction> also = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            entries.addAll(pending.entries());
            also.add(pending.also());
        }
        try {
            long[] sequences = store.append(entries, also);
            batches.incrementAndGet();
            records.addAndGet(sequences.length);
            items.addAndGet(batch.size());
            int next = 0;
            for (Pending pending : batch) {
                next += pending.entries().size();
                pending.committed().complete(pending.entries().isEmpty() ? null : sequences[next - 1]);
            }
        } catch (SQLException | RuntimeException e) {
            if (batch.size() > 1 && !(e instanceof SQLTransientConnectionException)
                    && batch.stream().anyMatch(pending -> pending.also() != null)) {
                // entries are checked before they are queued, but a companion write may be what the database
                // refused: each alone, so that only its caller fails
                LOG.warn("The message log could not commit a batch of {} entries; writing them one by one", batch.size(), e);
                for (Pending pending : batch) {
                    write(List.of(pending));
                }
                return;
            }
            LOG.error("The message log could not commit a batch of {} entries", batch.size(), e);
            MessageLogException failure = new MessageLogException("The message log's database refused the record: " + e.getMessage(), e);
            for (Pending pending : batch) {
                pending.committed().completeExceptionally(failure);
            }
        }
    }

    private void sealUnsealed() {
        try {
            store.sealUnsealed();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The message log could not write a seal; it will try again in {}", properties.sealInterval(), e);
        }
    }

    /** Entries offered in the instant between the writer's last look and its end are refused, not left waiting. */
    private void failLeftovers() {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.committed().completeExceptionally(
                    new MessageLogException("The message log shut down; the exchange was not recorded."));
        }
    }
}
