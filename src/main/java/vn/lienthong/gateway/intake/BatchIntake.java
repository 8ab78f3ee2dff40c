package vn.lienthong.gateway.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import org.apache.camel.Exchange;
import org.apache.camel.component.file.remote.SftpEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.DepositRequest;
import vn.lienthong.gateway.edata.DepositResult;
import vn.lienthong.gateway.edata.DocumentType;
import vn.lienthong.gateway.edata.EdataSettings;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.Source;

/**
 * Takes in one digitization batch (routes/sftp-intake.camel.yaml): reads its manifest, checks each
 * item, deposits the good ones into the e-data store (signed by the gateway, channel SFTP_BATCH),
 * writes {@code receipt.xml} into the batch folder and moves the folder to {@code done/} — or, when
 * the manifest is unusable, writes a receipt saying why and moves it to {@code error/}.
 *
 * <p>Exactly once per partner + batch id + item id: an item is recorded ACCEPTED (with its document
 * id) only after the store committed it, and a redelivered batch reuses that record instead of
 * depositing again (the store's own idempotency covers a crash between the two). When the store or
 * the server fails mid-batch, the attempt stops with an exception, the folder stays in the inbox
 * and the next poll resumes it: items already accepted are not deposited again, nothing is lost.
 */
@Component("batchIntake")
public class BatchIntake {

    /** Exchange properties the partner's connector (connectors/*-digitization-source.kamelet.yaml) sets. */
    public static final String ENDPOINT = "intakeEndpoint";
    public static final String PARTNER = "intakePartner";
    public static final String DONE_DIRECTORY = "intakeDoneDirectory";
    public static final String ERROR_DIRECTORY = "intakeErrorDirectory";
    public static final String RECEIPT = "receipt.xml";

    private static final Logger LOG = LoggerFactory.getLogger(BatchIntake.class);
    private static final Pattern FOLDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private final ManifestReader manifests = new ManifestReader();
    private final EdataStore store;
    private final IntakeLedger ledger;
    private final IntakeMetrics metrics;
    private final IntakeAttempts attempts;
    private final long maxBytes;
    private final int parallelItems;
    private final ExecutorService workers;

    public BatchIntake(EdataStore store, IntakeLedger ledger, IntakeMetrics metrics, IntakeAttempts attempts, EdataSettings settings,
                       @Value("${gateway.intake.parallel-items:6}") int parallelItems) {
        this.attempts = attempts;
        this.store = store;
        this.ledger = ledger;
        this.metrics = metrics;
        this.maxBytes = settings.maxDocumentBytes();
        this.parallelItems = Math.max(1, parallelItems);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(this.parallelItems, r -> {
            Thread thread = new Thread(r, "intake-item-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The route's step: the exchange is the batch's manifest.xml as the connector's SFTP consumer found it. */
    public void process(Exchange exchange) {
        if (!(exchange.getProperty(ENDPOINT) instanceof SftpEndpoint endpoint)) {
            throw new IllegalStateException("The intake route must be fed by an SFTP connector that sets the exchange property " + ENDPOINT);
        }
        String partner = exchange.getProperty(PARTNER, String.class);
        String relative = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class); // <folder>/manifest.xml
        int slash = relative == null ? -1 : relative.lastIndexOf('/');
        String folderName = slash < 0 ? "" : relative.substring(0, slash);
        String errorDirectory = exchange.getProperty(ERROR_DIRECTORY, String.class);
        if (folderName.isEmpty() || folderName.indexOf('/') >= 0) {
            throw new IllegalStateException("Unexpected batch folder '" + folderName + "' (the connector only picks <inbox>/<folder>/manifest.xml)");
        }
        SftpBatchFolder folder;
        try {
            folder = SftpBatchFolder.open(endpoint, endpoint.getConfiguration().getDirectory(), folderName);
        } catch (RuntimeException e) {
            attempts.failed(folderName); // the folder waits for its retry; the others go first
            throw e;
        }
        try (folder) {
            if (FOLDER.matcher(folderName).matches()) {
                intake(partner, folder, exchange.getMessage().getBody(byte[].class), exchange.getProperty(DONE_DIRECTORY, String.class), errorDirectory);
                return;
            }
            try {
                refuseFolderName(partner, folder, errorDirectory);
            } catch (RuntimeException e) {
                attempts.failed(folderName);
                throw e;
            }
        }
    }

    /**
     * A folder whose name is outside {@code [A-Za-z0-9._-]} (spaces, accents, a line break: whatever the
     * partner's server allows): nothing in it is read; a receipt says why and the folder moves to the
     * error directory under a name of safe characters, so it is never listed again.
     */
    private void refuseFolderName(String partner, BatchFolder folder, String errorDirectory) {
        String safe = safeName(folder.name());
        byte[] receipt = Receipt.rejected(partner, folder.name(), ErrorCode.INTAKE_FOLDER_NAME_INVALID.name(),
                "The batch folder name has characters other than A-Z, a-z, 0-9, '.', '_' and '-' (or does not start with a letter or digit,"
                        + " or is longer than 128 characters); nothing in it was read. Deliver the batch again in a folder named like '"
                        + safe + "'.");
        folder.write(RECEIPT, receipt);
        String movedTo = folder.moveTo(errorDirectory, safe);
        attempts.finished(folder.name());
        metrics.batchEnded(partner, "rejected");
        LOG.warn("Batch folder '{}' of partner {} refused (its name is not [A-Za-z0-9._-]), moved to {}", folder.name(), partner, movedTo);
    }

    /** The folder's name with every character outside [A-Za-z0-9._-] replaced by '_', at most 128 characters. */
    static String safeName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || !Character.isLetterOrDigit(safe.charAt(0))) {
            safe = "x" + safe;
        }
        return safe.length() > 128 ? safe.substring(0, 128) : safe;
    }

    /**
     * Takes in one batch; returns the receipt written. Throws (leaving the folder in place) when the
     * attempt must be retried; after {@code gateway.intake.max-attempts} failed attempts (or
     * {@code give-up-after}) the batch is given up instead: receipted and moved to the error directory.
     */
    public byte[] intake(String partner, BatchFolder folder, byte[] manifestXml, String doneDirectory, String errorDirectory) {
        Manifest manifest;
        try {
            manifest = manifests.read(manifestXml == null ? new byte[0] : manifestXml);
            if (!manifest.partner().equals(partner)) {
                throw new ManifestRejectedException("manifest.xml names partner '" + manifest.partner() + "' but arrived from partner '" + partner + "'.", null);
            }
        } catch (ManifestRejectedException e) {
            byte[] receipt = Receipt.rejected(partner, folder.name(), ErrorCode.INTAKE_MANIFEST_INVALID.name(), e.getMessage());
            String movedTo;
            try {
                folder.write(RECEIPT, receipt);
                movedTo = folder.moveTo(errorDirectory);
            } catch (RuntimeException failed) {
                attempts.failed(folder.name());
                throw failed;
            }
            attempts.finished(folder.name());
            metrics.batchEnded(partner, "rejected");
            LOG.warn("Batch folder {} of partner {} refused, moved to {}: {}", folder.name(), partner, movedTo, e.getMessage());
            return receipt;
        }
        String batchId = manifest.batchId();
        int delivery;
        try {
            delivery = ledger.begin(partner, batchId, folder.name(), manifest.items().size());
        } catch (RuntimeException e) {
            attempts.failed(folder.name());
            throw e;
        }
        metrics.batchStarted(partner, batchId, manifest.items().size());
        ItemOutcome[] outcomes = new ItemOutcome[manifest.items().size()];
        boolean lastAttempt = attempts.lastAttempt(folder.name());
        byte[] receipt;
        String movedTo;
        try {
            decideAll(partner, batchId, delivery, folder, manifest.items(), outcomes, lastAttempt);
            receipt = Receipt.completed(partner, manifest, Arrays.asList(outcomes));
            folder.write(RECEIPT, receipt);
            movedTo = folder.moveTo(Receipt.abandoned(Arrays.asList(outcomes)) ? errorDirectory : doneDirectory);
        } catch (RuntimeException e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            IntakeAttempts.Failures failures = attempts.failed(folder.name());
            if (attempts.exhausted(failures)) {
                return giveUp(partner, folder, manifest, delivery, outcomes, failures, reason, errorDirectory, e);
            }
            ledger.interrupted(partner, batchId, reason);
            metrics.batchEnded(partner, "interrupted");
            LOG.warn("Batch {} of partner {} stopped ({} items, failed attempt {} of {}) and will be retried on a later poll: {}", batchId, partner,
                    manifest.items().size(), failures.count(), attempts.maxAttempts(), reason);
            throw e;
        }
        attempts.finished(folder.name());
        long accepted = Arrays.stream(outcomes).filter(ItemOutcome::accepted).count();
        if (Receipt.abandoned(Arrays.asList(outcomes))) {
            ledger.finish(partner, batchId, "given up: files could not be read in " + attempts.maxAttempts() + " attempts");
            metrics.batchEnded(partner, "abandoned");
            LOG.error("Batch {} of partner {} given up on its last attempt: {} accepted, {} refused (files the server would not give); moved to {}",
                    batchId, partner, accepted, outcomes.length - accepted, movedTo);
            return receipt;
        }
        ledger.finish(partner, batchId, null);
        metrics.batchEnded(partner, "completed");
        LOG.info("Batch {} of partner {} completed: {} accepted, {} refused; moved to {}", batchId, partner, accepted,
                outcomes.length - accepted, movedTo);
        return receipt;
    }

    /**
     * The batch cannot progress (a file the server will not give, the store failing again and again):
     * the items decided so far keep their outcome (accepted ones stay accepted), every other item is
     * refused with the reason, the receipt says so, and the folder goes to the error directory — so
     * that the partner learns of it and the inbox is not blocked. When even that fails (the server is
     * gone), the exception stands and the next poll tries again.
     */
    private byte[] giveUp(String partner, BatchFolder folder, Manifest manifest, int delivery, ItemOutcome[] outcomes,
                          IntakeAttempts.Failures failures, String reason, String errorDirectory, RuntimeException cause) {
        String batchId = manifest.batchId();
        Map<String, ItemOutcome> acceptedBefore = ledger.accepted(partner, batchId);
        String sentence = "The batch could not be finished after " + failures.count() + " attempts (since " + failures.first()
                + "); this item was not stored. Last error: " + clip(reason, 300) + ". Deliver the batch again once the cause is fixed.";
        for (int i = 0; i < outcomes.length; i++) {
            ManifestItem item = manifest.items().get(i);
            if (outcomes[i] == null) {
                ItemOutcome before = acceptedBefore.get(item.id());
                outcomes[i] = before != null && before.sha256().equals(item.sha256()) ? ItemOutcome.accepted(item, before.documentId())
                        : done(partner, batchId, delivery, ItemOutcome.refused(item, ErrorCode.INTAKE_BATCH_ABANDONED.name(), sentence));
            }
        }
        byte[] receipt = Receipt.completed(partner, manifest, Arrays.asList(outcomes));
        String movedTo;
        try {
            folder.write(RECEIPT, receipt);
            movedTo = folder.moveTo(errorDirectory);
        } catch (RuntimeException e) {
            e.addSuppressed(cause);
            ledger.interrupted(partner, batchId, reason);
            metrics.batchEnded(partner, "interrupted");
            LOG.warn("Batch {} of partner {} given up after {} attempts, but its receipt could not be written ({}); retrying on a later poll",
                    batchId, partner, failures.count(), e.getMessage());
            throw e;
        }
        attempts.finished(folder.name());
        ledger.finish(partner, batchId, "given up after " + failures.count() + " attempts: " + reason);
        metrics.batchEnded(partner, "abandoned");
        long accepted = Arrays.stream(outcomes).filter(ItemOutcome::accepted).count();
        LOG.error("Batch {} of partner {} given up after {} failed attempts since {}: {} accepted, {} refused; moved to {}. Last error: {}",
                batchId, partner, failures.count(), failures.first(), accepted, outcomes.length - accepted, movedTo, reason);
        return receipt;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /**
     * Decides every item; the outcomes come back in manifest order. {@code parallelItems} workers
     * each take an SFTP session (the batch's own plus extra ones to the same folder), download an
     * item, return the session, then hash, check, deposit and record it. The first failure that is
     * not an item's fault (the store or the server failing) stops the items not yet started; those
     * already downloaded are finished; then it is thrown: whatever was accepted stays recorded, the
     * rest is decided on the retry.
     */
    private void decideAll(String partner, String batchId, int delivery, BatchFolder folder, List<ManifestItem> items,
                           ItemOutcome[] outcomes, boolean lastAttempt) {
        Map<String, Long> files = folder.files();
        Map<String, ItemOutcome> acceptedBefore = ledger.accepted(partner, batchId);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<BatchFolder> extra = new ArrayList<>();
        BlockingQueue<BatchFolder> sessions = new LinkedBlockingQueue<>();
        sessions.add(folder);
        List<Future<?>> inFlight = new ArrayList<>();
        boolean moreSessions = true;
        try {
            for (int i = 0; i < items.size(); i++) {
                ManifestItem item = items.get(i);
                ItemOutcome before = acceptedBefore.get(item.id());
                ItemOutcome early = beforeDownload(files, before, item);
                if (early != null) {
                    outcomes[i] = early.accepted() && before != null ? again(partner, batchId, delivery, early) : done(partner, batchId, delivery, early);
                    continue;
                }
                if (moreSessions && extra.size() + 1 < parallelItems && inFlight.size() > extra.size()) {
                    try {
                        BatchFolder another = folder.openAnother();
                        extra.add(another);
                        sessions.add(another);
                    } catch (RuntimeException e) { // a server may limit sessions per user: carry on with those open
                        moreSessions = false;
                        LOG.info("Batch {}: a further SFTP session was refused ({}); continuing with {}", batchId, e.getMessage(), extra.size() + 1);
                    }
                }
                int index = i;
                inFlight.add(workers.submit(() -> {
                    if (failure.get() != null) {
                        return;
                    }
                    try {
                        byte[] content;
                        try {
                            content = download(sessions, item);
                        } catch (RuntimeException e) {
                            if (!lastAttempt) {
                                throw e;
                            }
                            // the batch's last attempt: a file the server will not give is this item's refusal, the others go on
                            outcomes[index] = done(partner, batchId, delivery, ItemOutcome.refused(item, ErrorCode.INTAKE_BATCH_ABANDONED.name(),
                                    "The file " + item.file() + " could not be read from the server in " + attempts.maxAttempts()
                                            + " attempts: " + clip(e.getMessage(), 300)));
                            return;
                        }
                        outcomes[index] = metrics.store.record(() -> done(partner, batchId, delivery, afterDownload(partner, item, content)));
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            for (Future<?> f : inFlight) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, new IllegalStateException("interrupted while the batch's items were being stored", e));
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, new IllegalStateException(e.getCause()));
                }
            }
            extra.forEach(BatchFolder::close);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    private byte[] download(BlockingQueue<BatchFolder> sessions, ManifestItem item) {
        BatchFolder session;
        try {
            session = sessions.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an SFTP session", e);
        }
        try {
            return metrics.download.record(() -> session.read(item.file()));
        } finally {
            sessions.add(session);
        }
    }

    private ItemOutcome done(String partner, String batchId, int delivery, ItemOutcome outcome) {
        ledger.record(partner, batchId, delivery, outcome);
        metrics.item(partner, outcome.accepted());
        return outcome;
    }

    /** An item accepted in an earlier delivery, delivered again unchanged: recorded for this delivery, not counted again. */
    private ItemOutcome again(String partner, String batchId, int delivery, ItemOutcome outcome) {
        ledger.record(partner, batchId, delivery, outcome);
        metrics.itemAgain(partner);
        return outcome;
    }

    /** The checks that need no download: already accepted, file present, size, owner id and type (by the store's own rules). Null when the file must be read. */
    private ItemOutcome beforeDownload(Map<String, Long> files, ItemOutcome before, ManifestItem item) {
        if (before != null) {
            return before.sha256().equals(item.sha256()) ? ItemOutcome.accepted(item, before.documentId())
                    : ItemOutcome.conflict(item, before.documentId(), ErrorCode.INTAKE_ITEM_CONFLICT.name(), "Item " + item.id() + " was already accepted as document "
                    + before.documentId() + " with different content; send a correction as a new item.");
        }
        Long size = files.get(item.file());
        if (size == null) {
            return ItemOutcome.refused(item, ErrorCode.INTAKE_FILE_MISSING.name(), "The file " + item.file() + " listed in the manifest is not in the batch folder.");
        }
        try {
            if (size > maxBytes) {
                throw new ApiException(ErrorCode.EDATA_TOO_LARGE, "The file is " + size + " bytes; the limit is " + maxBytes + " bytes.");
            }
            item.ownerType().normalise(item.ownerId());
            typeOf(item);
            return null;
        } catch (ApiException e) {
            return refusal(item, e);
        }
    }

    /** Hash, PDF, then the deposit. A refusal is an outcome; the store failing is an exception. */
    private ItemOutcome afterDownload(String partner, ManifestItem item, byte[] content) {
        if (!Hashes.sha256Hex(content).equals(item.sha256())) {
            return ItemOutcome.refused(item, ErrorCode.INTAKE_HASH_MISMATCH.name(),
                    "The SHA-256 of " + item.file() + " does not match the manifest: the file is damaged or not the one described.");
        }
        if (content.length < PDF_MAGIC.length || !Arrays.equals(content, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            return ItemOutcome.refused(item, ErrorCode.EDATA_NOT_PDF.name(), "The file " + item.file() + " is not a PDF: it does not start with %PDF-.");
        }
        try {
            DepositResult result = store.deposit(new DepositRequest(item.ownerType(), item.ownerId(), item.typeCode(), item.number(),
                    item.title() == null ? typeOf(item).name() : item.title(), item.issuer(), item.issueDate(), item.validFrom(), item.validUntil(),
                    new Source(null, null, Channel.SFTP_BATCH), "application/pdf", content, partner));
            return ItemOutcome.accepted(item, result.document().id());
        } catch (ApiException e) {
            return refusal(item, e);
        }
    }

    private DocumentType typeOf(ManifestItem item) {
        return store.documentTypes().find(item.typeCode()).orElseThrow(() -> new ApiException(ErrorCode.EDATA_TYPE_UNKNOWN,
                "Document type '" + item.typeCode() + "' is not in the catalogue."));
    }

    /** The item's fault (4xx) is a refusal; the store being unavailable (5xx) is not the item's fault and stops the batch. */
    private static ItemOutcome refusal(ManifestItem item, ApiException e) {
        if (e.code().httpStatus() >= 500) {
            throw e;
        }
        return ItemOutcome.refused(item, e.code().name(), e.getMessage());
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
