package vn.lienthong.gateway.edata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.SignatureCheck;

/**
 * The e-data store: digitized results kept hashed, signed by the gateway and attributable, so
 * that the next procedure reuses them instead of asking the owner again.
 *
 * <p>Deposit checks everything before writing anything, then hashes, signs, writes the content
 * file (content-addressed, atomic) and commits the row; reads go through rows only, so a file
 * whose row never committed is never served. Every read re-hashes the file and verifies the
 * gateway's signature; a tampered or missing file is refused with {@code EDATA_TAMPERED}, raises
 * an alarm (an ERROR log line, an {@code edata_event}, the {@code edata} health indicator DOWN),
 * and every read attempt is recorded for the owner to see. Nothing is deleted.
 * Thread-safe; the SQL runs on plain JDBC transactions of the given DataSource.
 */
@Component
public class EdataStore {

    static final String PDF = "application/pdf";
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final String UNIQUE_VIOLATION = "23505"; // H2 and PostgreSQL alike
    private static final Logger LOG = LoggerFactory.getLogger(EdataStore.class);

    /**
     * The zone of the store's days: a document's dates are Vietnamese calendar days, so "today" is the
     * date in Hà Nội (UTC+7) whatever the server's zone — a document valid until 31 December is still
     * in force at 23:30 on 31 December in Vietnam, when it is already 1 January nowhere that matters.
     */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final Clock clock;
    private final DataSource dataSource;
    private final CmsSigner signer;
    private final CmsVerifier verifier;
    private final DocumentTypeCatalog types;
    private final EdataSettings settings;
    private final ContentStore contents;
    private final PdfSignatureInspector pdfSignatures;
    private final EdataRepository repository = new EdataRepository();
    private final Set<UUID> tampered = ConcurrentHashMap.newKeySet();
    /** Writes a deposit's content file while its thread signs; daemon threads, so nothing to close. */
    private final ExecutorService fileWriter = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "edata-file-writer");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    public EdataStore(DataSource dataSource, CmsSigner signer, CmsVerifier verifier, DocumentTypeCatalog types, EdataSettings settings) {
        this(dataSource, signer, verifier, types, settings, Clock.system(VIETNAM));
    }

    /** With the clock that says what day it is (its zone is ignored: days are always Vietnam's). */
    public EdataStore(DataSource dataSource, CmsSigner signer, CmsVerifier verifier, DocumentTypeCatalog types, EdataSettings settings,
                      Clock clock) {
        this.clock = clock.withZone(VIETNAM);
        this.dataSource = dataSource;
        this.signer = signer;
        this.verifier = verifier;
        this.types = types;
        this.settings = settings;
        this.contents = new ContentStore(settings.contentRoot());
        this.pdfSignatures = new PdfSignatureInspector(verifier);
    }

    /**
     * Stores a document. Bad input is refused with a 4xx {@link ApiException} and nothing written.
     * Idempotent: the same owner, type, number and content returns the stored document with {@code created=false}.
     */
    public DepositResult deposit(DepositRequest request) {
        Deposit deposit = prepare(request);
        return store(deposit, null);
    }

    /**
     * Stores {@code replacement} and marks {@code oldId} SUPERSEDED, pointing at it, in one
     * transaction; both stay readable. The replacement must be for the same owner and type.
     */
    public DepositResult supersede(UUID oldId, DepositRequest replacement) {
        if (oldId == null) {
            throw missing("id of the document to supersede");
        }
        Deposit deposit = prepare(replacement);
        StoredDocument old = find(oldId).orElseThrow(() -> notFound(oldId));
        if (old.ownerType() != deposit.document.ownerType() || !old.ownerId().equals(deposit.document.ownerId())
                || !old.typeCode().equals(deposit.document.typeCode())) {
            throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "A replacement must be for the same owner and document type as the document it supersedes.");
        }
        return store(deposit, old);
    }

    /** Today in Vietnam: the day against which validity is judged. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public Optional<StoredDocument> find(UUID id) {
        if (id == null) {
            return Optional.empty();
        }
        return withConnection(c -> repository.find(c, id, false, today()));
    }

    /**
     * An owner's documents, newest issue first. {@code validOnly}: only those in force today (see
     * {@link StoredDocument#isValid()}: not revoked, not superseded, {@code validFrom ≤ today ≤ validUntil}),
     * the one to prefer first ({@link StoredDocument#PREFERRED}).
     */
    public List<StoredDocument> search(OwnerType ownerType, String ownerId, String typeCode, boolean validOnly) {
        if (ownerType == null) {
            throw missing("ownerType");
        }
        String owner = ownerType.normalise(ownerId);
        return withConnection(c -> repository.byOwner(c, ownerType, owner, typeCode, validOnly, today()));
    }

    /**
     * The content, re-hashed and with the gateway's signature verified now. Every attempt is
     * recorded in the access log, served or refused.
     *
     * @throws ApiException {@code EDATA_NOT_FOUND}, or {@code EDATA_TAMPERED} when the file is missing or altered
     */
    public VerifiedContent read(UUID id, ReadContext context) {
        requireContext(context);
        if (id == null) {
            throw missing("id");
        }
        StoredDocument document = find(id).orElse(null);
        if (document == null) {
            recordAccess(id, null, context, "NOT_FOUND");
            throw notFound(id);
        }
        byte[] content;
        try {
            content = contents.read(document.sha256()).orElse(null);
        } catch (IOException e) {
            LOG.error("Cannot read the content file of e-data document {}: {}", id, e.toString());
            throw new ApiException(ErrorCode.EDATA_UNAVAILABLE, "The document's content cannot be read now; try again later.", e);
        }
        SignatureCheck check = null;
        String problem;
        if (content == null) {
            problem = "its content file is missing";
        } else if (content.length != document.size() || !document.sha256().equals(Hashes.sha256Hex(content))) {
            problem = "its content file no longer matches the stored SHA-256";
        } else {
            // as of the deposit time: a later expiry of the gateway's certificate does not make old documents suspect
            check = verifier.verify(content, document.signature(), document.depositedAt());
            problem = check.valid() ? null : "the gateway's stored signature does not verify (" + check.reason() + ")";
        }
        if (problem != null) {
            alarm(document, problem, context);
            throw new ApiException(ErrorCode.EDATA_TAMPERED,
                    "Document " + id + " failed its integrity check and is not served: " + problem + ". Administrators have been alerted.");
        }
        tampered.remove(id);
        recordAccess(id, document, context, "SERVED");
        return new VerifiedContent(document, content, check);
    }

    /**
     * Records, for the owner to see in their access log, every paper of theirs a reuse check used: each
     * document shown to the officer and each registry fact that stood in for a paper, in one transaction.
     * Called before the check answers: a use that cannot be recorded is not shown
     * ({@code EDATA_UNAVAILABLE}). Nothing is recorded for an empty list.
     */
    public void recordUses(OwnerType ownerType, String ownerId, ReadContext context, List<PaperUse> uses) {
        requireContext(context);
        if (ownerType == null) {
            throw missing("ownerType");
        }
        if (uses.isEmpty()) {
            return;
        }
        String owner = ownerType.normalise(ownerId);
        Instant at = Instant.now();
        inTransaction(c -> {
            for (PaperUse use : uses) {
                repository.access(c, use.documentId(), ownerType, owner, use.documentType(), use.registry(), context, at, use.outcome());
            }
            return null;
        });
    }

    /** Who read (or tried to read) this owner's documents, and which reuse checks used their papers, oldest first: every record. */
    public List<AccessRecord> accessLog(OwnerType ownerType, String ownerId) {
        return accessLog(ownerType, ownerId, 0, Integer.MAX_VALUE);
    }

    /**
     * One page of who read this owner's documents, oldest first: at most {@code limit} records after
     * the one whose {@link AccessRecord#sequence()} is {@code afterSequence} (0: from the start).
     */
    public List<AccessRecord> accessLog(OwnerType ownerType, String ownerId, long afterSequence, int limit) {
        if (ownerType == null) {
            throw missing("ownerType");
        }
        String owner = ownerType.normalise(ownerId);
        return withConnection(c -> repository.accessLog(c, ownerType, owner, afterSequence, limit));
    }

    /** A document's history, oldest first. */
    public List<HistoryEvent> history(UUID id) {
        return withConnection(c -> repository.history(c, id));
    }

    /** Marks a VALID (or expired) document REVOKED; its content and metadata stay. */
    public StoredDocument revoke(UUID id, String reason, String by) {
        if (id == null) {
            throw missing("id");
        }
        if (reason == null || reason.isBlank()) {
            throw missing("reason");
        }
        if (by == null || by.isBlank()) {
            throw missing("by");
        }
        return inTransaction(c -> {
            StoredDocument document = repository.find(c, id, true, today()).orElseThrow(() -> notFound(id));
            if (document.storedStatus() != DocumentStatus.VALID) {
                throw new ApiException(ErrorCode.EDATA_NOT_REVOCABLE, "Document " + id + " is already " + document.storedStatus() + ".");
            }
            repository.updateStatus(c, id, DocumentStatus.REVOKED, null);
            repository.event(c, id, "REVOKED", Instant.now(), by, reason, null);
            return repository.find(c, id, false, today()).orElseThrow();
        });
    }

    /**
     * The document as a self-verifying package (see {@link EdataPackage}). Exporting discloses the
     * content, so it is a read: verified and recorded like {@link #read}.
     */
    public byte[] exportPackage(UUID id, ReadContext context) {
        VerifiedContent verified = read(id, context);
        return EdataPackage.write(verified.document(), verified.content(), signer);
    }

    /** The documents found tampered with or missing since start, and not verified since. */
    public Set<UUID> tamperedDocuments() {
        return Set.copyOf(tampered);
    }

    /** Why a content file cannot be written now (a real write and delete in the staging folder), or empty. */
    public Optional<String> contentWriteProblem() {
        return contents.writeProblem();
    }

    /** A verifier of exported packages against the same trusted CAs, content limited like deposits. */
    public EdataPackageVerifier packageVerifier() {
        return new EdataPackageVerifier(verifier, settings.maxDocumentBytes());
    }

    public DocumentTypeCatalog documentTypes() {
        return types;
    }

    /**
     * Runs inside the deposit transaction after the content file is in place and the row inserted,
     * just before the commit. Nothing to do in production; tests override it to simulate a crash there.
     */
    protected void beforeCommit(StoredDocument document) {
    }

    // ---- deposit ------------------------------------------------------------------------------

    /** A checked deposit, with the document it will become (id and signature assigned later). */
    private record Deposit(StoredDocument document, byte[] content) {
    }

    private Deposit prepare(DepositRequest r) {
        if (r == null) {
            throw missing("request");
        }
        if (r.ownerType() == null) {
            throw missing("ownerType");
        }
        if (r.ownerId() == null || r.ownerId().isBlank()) {
            throw missing("ownerId");
        }
        String ownerId = r.ownerType().normalise(r.ownerId());
        String typeCode = required(r.typeCode(), "typeCode", 32);
        DocumentType type = types.find(typeCode).orElseThrow(() -> new ApiException(ErrorCode.EDATA_TYPE_UNKNOWN,
                "Document type '" + typeCode + "' is not in the catalogue (mappings/document-types.yaml)."));
        if (!type.ownerTypes().contains(r.ownerType())) {
            throw new ApiException(ErrorCode.EDATA_TYPE_NOT_FOR_OWNER,
                    "Document type '" + typeCode + "' (" + type.name() + ") is not issued to owners of type " + r.ownerType() + ".");
        }
        String number = required(r.number(), "number", 100);
        String title = required(r.title(), "title", 500);
        String agency = required(r.issuingAgency(), "issuingAgency", 40);
        String depositor = required(r.depositor(), "depositor", 64);
        if (r.source() == null) {
            throw missing("source");
        }
        if (r.source().channel() == null) {
            throw missing("source.channel");
        }
        String dossier = optional(r.source().dossierCode(), "source.dossierCode", 64);
        String procedure = optional(r.source().procedureCode(), "source.procedureCode", 64);

        LocalDate today = today();
        if (r.issueDate() == null) {
            throw missing("issueDate");
        }
        if (r.issueDate().isAfter(today)) {
            throw new ApiException(ErrorCode.EDATA_DATES_INVALID, "The issue date " + r.issueDate() + " is in the future.");
        }
        LocalDate validFrom = r.validFrom() == null ? r.issueDate() : r.validFrom();
        if (validFrom.isBefore(r.issueDate())) {
            throw new ApiException(ErrorCode.EDATA_DATES_INVALID, "A document cannot be valid (from " + validFrom + ") before it is issued (" + r.issueDate() + ").");
        }
        LocalDate validUntil = r.validUntil();
        if (validUntil == null && type.defaultValidityYears() != null) {
            validUntil = validFrom.plusYears(type.defaultValidityYears());
        }
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new ApiException(ErrorCode.EDATA_DATES_INVALID, "The end of validity " + validUntil + " is before its start " + validFrom + ".");
        }

        if (r.mediaType() == null || r.mediaType().isBlank()) {
            throw missing("mediaType");
        }
        String mediaType = r.mediaType().split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals(PDF)) {
            throw new ApiException(ErrorCode.EDATA_NOT_PDF, "Only PDF documents (application/pdf) are accepted, not " + mediaType + ".");
        }
        byte[] content = r.content();
        if (content == null || content.length == 0) {
            throw missing("content");
        }
        if (content.length > settings.maxDocumentBytes()) {
            throw new ApiException(ErrorCode.EDATA_TOO_LARGE, "The document is " + content.length + " bytes; the limit is "
                    + settings.maxDocumentBytes() + " bytes (gateway.edata.max-document-bytes).");
        }
        if (content.length < PDF_MAGIC.length || !Arrays.equals(content, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
            throw new ApiException(ErrorCode.EDATA_NOT_PDF, "The content is not a PDF: it does not start with %PDF-.");
        }
        StoredDocument document = new StoredDocument(null, r.ownerType(), ownerId, typeCode, number, title, agency, r.issueDate(),
                validFrom, validUntil, DocumentStatus.VALID, DocumentStatus.VALID, null, new Source(dossier, procedure, r.source().channel()),
                PDF, content.length, null, null, null, null, null, depositor);
        return new Deposit(document, content);
    }

    private DepositResult store(Deposit deposit, StoredDocument superseded) {
        StoredDocument d = deposit.document;
        // The content file is written to the staging folder and forced to disk on another thread
        // (that needs no hash) while this one hashes, inspects the PDF's own signature and signs (the
        // slow part); the file is named once the hash is known. The row is inserted as soon as the
        // signature exists but committed only once the file is in place: only the commit makes the
        // document visible. The same deposit again is found by the row's unique key, so a retry costs
        // one discarded signature, and its write also restores the content file if it was lost
        // (checked by hash).
        CompletableFuture<ContentStore.Staged> staged = CompletableFuture.supplyAsync(() -> contents.stage(deposit.content), fileWriter);
        byte[] digest = Hashes.sha256(deposit.content);
        String sha256 = Hashes.hex(digest);
        CompletableFuture<Boolean> written = staged.thenApply(file -> contents.place(file, sha256));
        EmbeddedSignature embedded = pdfSignatures.inspect(deposit.content);
        byte[] signature = signer.signSha256(digest);
        StoredDocument document = new StoredDocument(UUID.randomUUID(), d.ownerType(), d.ownerId(), d.typeCode(), d.number(), d.title(),
                d.issuingAgency(), d.issueDate(), d.validFrom(), d.validUntil(), d.status(), d.storedStatus(), null, d.source(), d.mediaType(),
                d.size(), sha256, signature, signer.identity().certificate().getSubjectX500Principal().getName(), embedded,
                Instant.now().truncatedTo(ChronoUnit.MICROS), d.depositor());
        Optional<StoredDocument> earlier;
        try {
            earlier = inTransaction(c -> {
                if (superseded != null) {
                    // a retry of a supersede that went through: the old one is no longer VALID, and that is fine
                    Optional<StoredDocument> same = repository.findSame(c, d.ownerType(), d.ownerId(), d.typeCode(), d.number(), sha256, today());
                    if (same.isPresent()) {
                        return same;
                    }
                    StoredDocument old = repository.find(c, superseded.id(), true, today()).orElseThrow(() -> notFound(superseded.id()));
                    if (old.storedStatus() != DocumentStatus.VALID) {
                        throw new ApiException(ErrorCode.EDATA_NOT_REVOCABLE, "Document " + old.id() + " is already " + old.storedStatus() + " and cannot be superseded.");
                    }
                }
                repository.insert(c, document);
                repository.event(c, document.id(), "DEPOSITED", document.depositedAt(), document.depositor(),
                        "channel " + document.source().channel() + (embedded == null ? "" : ", embedded signature " + embedded.verdict()), null);
                if (superseded != null) {
                    repository.updateStatus(c, superseded.id(), DocumentStatus.SUPERSEDED, document.id());
                    repository.event(c, superseded.id(), "SUPERSEDED", document.depositedAt(), document.depositor(), null, document.id());
                    repository.event(c, document.id(), "SUPERSEDES", document.depositedAt(), document.depositor(), null, superseded.id());
                }
                await(written);
                beforeCommit(document);
                return Optional.empty();
            });
        } catch (DuplicateDeposit e) {
            // stored before, or by a concurrent deposit that committed first: that one is the document
            earlier = Optional.of(withConnection(c -> repository.findSame(c, d.ownerType(), d.ownerId(), d.typeCode(), d.number(), sha256, today()))
                    .orElseThrow());
        }
        if (earlier.isPresent()) {
            await(written);
            return alreadyStored(earlier.get(), superseded);
        }
        LOG.info("E-data document {} deposited: type {}, owner {} {}, {} bytes, by {}", document.id(), document.typeCode(),
                document.ownerType(), OwnerType.masked(document.ownerId()), document.size(), document.depositor());
        DocumentStatus effective = StoredDocument.effective(DocumentStatus.VALID, document.validFrom(), document.validUntil(), today());
        return new DepositResult(withStatus(document, effective), true);
    }

    private static StoredDocument withStatus(StoredDocument d, DocumentStatus effective) {
        return new StoredDocument(d.id(), d.ownerType(), d.ownerId(), d.typeCode(), d.number(), d.title(), d.issuingAgency(), d.issueDate(),
                d.validFrom(), d.validUntil(), effective, d.storedStatus(), d.supersededBy(), d.source(), d.mediaType(), d.size(), d.sha256(),
                d.signature(), d.signerSubject(), d.embeddedSignature(), d.depositedAt(), d.depositor());
    }

    /** The future's value; its own exception, unwrapped, when it failed. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }


    /** The same deposit was made before: harmless, unless it is asked to supersede something it does not. */
    private DepositResult alreadyStored(StoredDocument existing, StoredDocument superseded) {
        if (superseded != null) {
            StoredDocument old = find(superseded.id()).orElseThrow();
            if (!existing.id().equals(old.supersededBy())) {
                throw new ApiException(ErrorCode.EDATA_NOT_REVOCABLE, "The replacement is already stored as document " + existing.id()
                        + ", which does not supersede " + superseded.id() + ".");
            }
        }
        return new DepositResult(existing, false);
    }

    // ---- reads ---------------------------------------------------------------------------------

    /**
     * At start, documents found tampered before are checked again, so that a restart does not turn
     * the health indicator back UP while their files are still wrong.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void recheckPreviouslyTampered() {
        List<UUID> suspects = inTransaction(c -> {
            List<UUID> ids = new java.util.ArrayList<>();
            try (var statement = c.prepareStatement("select distinct document_id from edata_event where event = 'TAMPERED'");
                 var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
            return ids;
        });
        for (UUID id : suspects) {
            find(id).ifPresent(document -> {
                try {
                    byte[] content = contents.read(document.sha256()).orElse(null);
                    if (content == null || !document.sha256().equals(Hashes.sha256Hex(content))) {
                        tampered.add(id);
                        LOG.error("ALARM e-data integrity: document {} is still not intact after restart. Content file {}.",
                                id, contents.pathOf(document.sha256()));
                    }
                } catch (IOException e) {
                    tampered.add(id);
                }
            });
        }
    }

    private void alarm(StoredDocument document, String problem, ReadContext context) {
        tampered.add(document.id());
        LOG.error("ALARM e-data integrity: document {} ({} {}) is not served: {}. Content file {}. Restore it from a backup.",
                document.id(), document.typeCode(), document.number(), problem, contents.pathOf(document.sha256()));
        try {
            inTransaction(c -> {
                repository.event(c, document.id(), "TAMPERED", Instant.now(), context.requester(), "read refused: " + problem, null);
                repository.access(c, document.id(), document, context, Instant.now(), "TAMPERED");
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Cannot record the integrity failure of document {}: {}", document.id(), e.toString());
        }
    }

    private void recordAccess(UUID id, StoredDocument document, ReadContext context, String outcome) {
        inTransaction(c -> {
            repository.access(c, id, document, context, Instant.now(), outcome);
            return null;
        });
    }

    private static void requireContext(ReadContext context) {
        if (context == null) {
            throw missing("read context");
        }
        if (context.requester() == null || context.requester().isBlank()) {
            throw missing("requester");
        }
        if (context.purpose() == null || context.purpose().isBlank()) {
            throw missing("purpose");
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------

    private static String required(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return optional(value, field, maxLength);
    }

    private static String optional(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > maxLength) {
            throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "The field '" + field + "' is longer than " + maxLength + " characters.");
        }
        for (int i = 0; i < v.length(); i++) {
            if (Character.isISOControl(v.charAt(i))) {
                throw new ApiException(ErrorCode.EDATA_FIELD_INVALID, "The field '" + field + "' contains control characters.");
            }
        }
        return v;
    }

    private static ApiException missing(String field) {
        return new ApiException(ErrorCode.EDATA_FIELD_MISSING, "The field '" + field + "' is required.");
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(ErrorCode.EDATA_NOT_FOUND, "No e-data document " + id + ".");
    }

    /** Work on one connection. */
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A unique-key violation on insert: the same deposit committed concurrently. */
    private static final class DuplicateDeposit extends RuntimeException {
        DuplicateDeposit(Throwable cause) {
            super(cause);
        }
    }

    private <T> T withConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new DuplicateDeposit(e);
                }
                throw e;
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static ApiException unavailable(SQLException e) {
        LOG.error("E-data store database error: {}", e.toString());
        return new ApiException(ErrorCode.EDATA_UNAVAILABLE, "The e-data store cannot reach its database now; try again later.", e);
    }
}
