package vn.lienthong.gateway.reuse;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienthong.gateway.api.ApiException;
import vn.lienthong.gateway.api.ErrorCode;
import vn.lienthong.gateway.edata.DocumentStatus;
import vn.lienthong.gateway.edata.DocumentType;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.PaperUse;
import vn.lienthong.gateway.edata.ReadContext;
import vn.lienthong.gateway.edata.StoredDocument;
import vn.lienthong.gateway.registry.RegistryClient;
import vn.lienthong.gateway.reuse.Procedure.RequiredDocument;
import vn.lienthong.gateway.reuse.ReuseResult.Decision;
import vn.lienthong.gateway.reuse.ReuseResult.EdataDocument;
import vn.lienthong.gateway.reuse.ReuseResult.Item;
import vn.lienthong.gateway.reuse.ReuseResult.Reason;
import vn.lienthong.gateway.reuse.ReuseResult.RegistryFact;

/**
 * The once-only check: for each paper a procedure asks of an applicant, is a valid copy of the
 * applicant's own in the e-data store, or can a national registry vouch for the fact instead?
 *
 * <p>The e-data store is asked first (one query for all the applicant's documents). Only the
 * registries still needed are then asked, all at once, and waited for together until the check's
 * time budget runs out: a registry that is down, slow or whose breaker is open turns only its own
 * papers into {@code MUST_COLLECT / REGISTRY_UNAVAILABLE}. A document is offered only when it is
 * in force today in Vietnam ({@link StoredDocument#isValid()}: neither revoked nor superseded, and
 * {@code validFrom ≤ today ≤ validUntil}, both days included) and its owner is exactly the applicant;
 * of several such documents the one offered is the first by {@link StoredDocument#PREFERRED} (most
 * recent issue, then longest validity). A document of a type the document type catalogue says
 * replaces the paper for this procedure ({@code replaces:}) is offered on the same terms. A registry
 * fact is offered only when the registry's record names the applicant.
 *
 * <p>Before answering, every paper of the applicant's the answer shows is recorded in the owner's
 * access log ({@link EdataStore#recordUses}): each document offered ({@code OFFERED}) and each registry
 * fact that stood in for a paper ({@code REGISTRY_FACTS}), with the agency, the officer, the
 * procedure, the dossier, the purpose and the explicit-request flag. A check that shows nothing of
 * the applicant's records nothing there (it stays in the look-up access log, as every check does).
 */
public class ReuseCheck {

    public static final String SERVICE_NAME = "reuse.check";
    /** The parameter that gives a registry's mapping the applicant's identifier. */
    public static final String APPLICANT_ID = "applicantId";
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Logger LOG = LoggerFactory.getLogger(ReuseCheck.class);

    private final ProcedureCatalogue catalogue;
    private final EdataStore edata;
    private final RegistryClient registries;
    private final Duration budget;

    public ReuseCheck(ProcedureCatalogue catalogue, EdataStore edata, RegistryClient registries, Duration budget) {
        this.catalogue = catalogue;
        this.edata = edata;
        this.registries = registries;
        this.budget = budget;
    }

    public Duration budget() {
        return budget;
    }

    public ProcedureCatalogue catalogue() {
        return catalogue;
    }

    public ReuseResult check(ReuseRequest request) {
        long deadline = System.nanoTime() + budget.toNanos();
        Procedure procedure = catalogue.find(request.procedureCode()).orElseThrow(() -> new ApiException(ErrorCode.PROCEDURE_UNKNOWN,
                "Procedure '" + request.procedureCode() + "' is not in the procedure catalogue (mappings/procedures.yaml)."));
        OwnerType type = request.applicantType();
        if (!procedure.applicantTypes().contains(type)) {
            throw new ApiException(ErrorCode.REUSE_REQUEST_INVALID, "Procedure " + procedure.code() + " (" + procedure.name()
                    + ") is not open to applicants of type " + type + ".");
        }
        String owner = type.normalise(request.applicantId());
        List<RequiredDocument> required = procedure.documentsFor(type);

        Map<String, List<StoredDocument>> byType = new LinkedHashMap<>();
        for (StoredDocument d : edata.search(type, owner, null, false)) {
            if (d.ownerType() == type && owner.equals(d.ownerId())) { // never another person's, whatever the query did
                byType.computeIfAbsent(d.typeCode(), k -> new ArrayList<>()).add(d);
            }
        }
        // for each paper: the applicant's documents of its type, and of the types that replace it for this procedure
        Map<String, List<StoredDocument>> held = new LinkedHashMap<>();
        for (RequiredDocument document : required) {
            List<StoredDocument> candidates = new ArrayList<>(byType.getOrDefault(document.typeCode(), List.of()));
            for (DocumentType replacement : edata.documentTypes().replacementsFor(document.typeCode(), procedure.code())) {
                candidates.addAll(byType.getOrDefault(replacement.code(), List.of()));
            }
            held.put(document.typeCode(), candidates);
        }

        Map<Registry, CompletableFuture<Verdict>> asked = new LinkedHashMap<>();
        RegistryClient.Caller caller = new RegistryClient.Caller(request.requestId(), SERVICE_NAME);
        for (RequiredDocument document : required) {
            if (valid(held.get(document.typeCode())).isEmpty() && document.registry() != null && document.registry().canVouchFor(type)) {
                asked.computeIfAbsent(document.registry(), r -> ask(r, owner, caller));
            }
        }
        Map<Registry, Verdict> verdicts = new LinkedHashMap<>();
        for (Map.Entry<Registry, CompletableFuture<Verdict>> entry : asked.entrySet()) {
            verdicts.put(entry.getKey(), await(entry.getKey(), entry.getValue(), deadline));
        }

        List<Item> items = new ArrayList<>();
        List<PaperUse> uses = new ArrayList<>();
        for (RequiredDocument document : required) {
            Item item = decide(document, held.getOrDefault(document.typeCode(), List.of()), verdicts.get(document.registry()));
            items.add(item);
            if (item.decision() == Decision.REUSABLE_FROM_EDATA) {
                uses.add(PaperUse.offered(document.typeCode(), item.document().documentId()));
            } else if (item.decision() == Decision.VERIFIED_BY_REGISTRY) {
                uses.add(PaperUse.registryFacts(document.typeCode(), item.verification().registry()));
            }
        }
        // the owner sees every use of their papers: recorded before the officer sees them, or not shown at all
        edata.recordUses(type, owner, new ReadContext(request.agency() == null ? "anonymous" : request.agency(), request.purpose(),
                request.dossierCode(), request.explicitRequest(), request.requester(), procedure.code(), request.requestId()), uses);
        return new ReuseResult(request.requestId(), procedure.code(), procedure.name(), type, owner, Instant.now(), List.copyOf(items));
    }

    private static Item decide(RequiredDocument document, List<StoredDocument> held, Verdict verdict) {
        Optional<StoredDocument> valid = valid(held);
        if (valid.isPresent()) {
            StoredDocument d = valid.get();
            return new Item(document.typeCode(), document.typeName(), Decision.REUSABLE_FROM_EDATA,
                    new EdataDocument(d.id(), d.number(), d.title(), d.issuingAgency(), d.issueDate(), d.validFrom(), d.validUntil(), d.typeCode()),
                    null, null, null);
        }
        if (verdict != null && verdict.outcome() == Outcome.VERIFIED) {
            return new Item(document.typeCode(), document.typeName(), Decision.VERIFIED_BY_REGISTRY, null,
                    new RegistryFact(verdict.registry().code(), verdict.facts(), verdict.at()), null, null);
        }
        if (verdict != null && verdict.outcome() == Outcome.UNAVAILABLE) {
            return collect(document, Reason.REGISTRY_UNAVAILABLE, verdict.detail());
        }
        Optional<LocalDate> soonest = held.stream().filter(d -> d.status() == DocumentStatus.NOT_YET_VALID)
                .map(StoredDocument::validFrom).min(Comparator.naturalOrder());
        if (soonest.isPresent()) {
            return collect(document, Reason.NOT_YET_VALID, "The e-data store holds this paper valid only from " + soonest.get() + ".");
        }
        if (held.stream().anyMatch(d -> d.status() == DocumentStatus.EXPIRED)) {
            return collect(document, Reason.EXPIRED, "The e-data store holds this paper only expired.");
        }
        if (held.stream().anyMatch(d -> d.status() == DocumentStatus.REVOKED)) {
            return collect(document, Reason.REVOKED, "The e-data store holds this paper only revoked.");
        }
        if (verdict != null && verdict.outcome() == Outcome.REVOKED) {
            return collect(document, Reason.REVOKED, verdict.detail());
        }
        return collect(document, Reason.NONE_HELD, verdict != null ? verdict.detail()
                : "The e-data store holds no valid copy" + (document.registry() == null ? " and no registry can vouch for it." : "."));
    }

    private static Item collect(RequiredDocument document, Reason reason, String detail) {
        return new Item(document.typeCode(), document.typeName(), Decision.MUST_COLLECT, null, null, reason, detail);
    }

    /** The document to offer, if any: of those in force today, the first by {@link StoredDocument#PREFERRED}. */
    private static Optional<StoredDocument> valid(List<StoredDocument> held) {
        return held == null ? Optional.empty()
                : held.stream().filter(StoredDocument::isValid).min(StoredDocument.PREFERRED);
    }

    // ---- registries ----------------------------------------------------------------------------

    enum Outcome { VERIFIED, NOT_HELD, REVOKED, UNAVAILABLE }

    record Verdict(Registry registry, Outcome outcome, Map<String, Object> facts, Instant at, String detail) {
    }

    private Verdict await(Registry registry, CompletableFuture<Verdict> future, long deadline) {
        long left = deadline - System.nanoTime();
        try {
            return future.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return unavailable(registry, "The " + registry + " registry did not answer within the check's budget of " + budget.toMillis() + " ms.");
        } catch (ExecutionException e) {
            LOG.info("Reuse check: the {} registry failed: {}", registry, e.getCause() == null ? e : e.getCause().getMessage());
            return unavailable(registry, "The " + registry + " registry is unavailable: try again later or collect the paper.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(registry, "The check was interrupted.");
        }
    }

    private static Verdict unavailable(Registry registry, String detail) {
        return new Verdict(registry, Outcome.UNAVAILABLE, null, Instant.now(), detail);
    }

    /**
     * Asks the registry through its connector, and its mapping for the verdict on this applicant
     * ({@link Registry#mapping()}: VERIFIED with facts, NOT_HELD or REVOKED with a sentence).
     */
    private CompletableFuture<Verdict> ask(Registry registry, String owner, RegistryClient.Caller caller) {
        return registries.ask(registry.connector(), registry.queryFor(owner), registry.operation(), registry.mapping(),
                Map.of(APPLICANT_ID, owner), caller).thenApply(mapped -> verdict(registry, mapped));
    }

    /** What a registry's mapping says (mappings/procedures.yaml, {@code mapping:}). */
    record MappedVerdict(String outcome, Map<String, Object> facts, String detail) {
    }

    /** The mapping's verdict; one that cannot be read is the registry's answer that cannot be used (UNAVAILABLE, logged). */
    static Verdict verdict(Registry registry, String mapped) {
        try {
            MappedVerdict verdict = JSON.readValue(mapped, MappedVerdict.class);
            Outcome outcome = Outcome.valueOf(String.valueOf(verdict.outcome()));
            if (outcome == Outcome.VERIFIED && verdict.facts() != null) {
                return verified(registry, verdict.facts());
            }
            if ((outcome == Outcome.NOT_HELD || outcome == Outcome.REVOKED) && verdict.detail() != null) {
                return new Verdict(registry, outcome, null, Instant.now(), verdict.detail());
            }
        } catch (IOException | IllegalArgumentException e) {
            // below
        }
        LOG.warn("Reuse check: the mapping {} of registry {} said neither VERIFIED with facts nor NOT_HELD or REVOKED with a detail",
                registry.mapping().getFileName(), registry.name());
        return unavailable(registry, "The " + registry + " registry's answer could not be read: collect the paper.");
    }

    private static Verdict verified(Registry registry, Map<String, Object> facts) {
        return new Verdict(registry, Outcome.VERIFIED, facts, Instant.now(), null);
    }
}
