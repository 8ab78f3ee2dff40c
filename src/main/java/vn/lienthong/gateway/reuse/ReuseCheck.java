package vn.lienthong.gateway.reuse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
import vn.lienthong.gateway.registry.CitizenId;
import vn.lienthong.gateway.registry.EnterpriseCode;
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

        Map<Registry, CompletableFuture<Verdict>> asked = new EnumMap<>(Registry.class);
        RegistryClient.Caller caller = new RegistryClient.Caller(request.requestId(), SERVICE_NAME);
        for (RequiredDocument document : required) {
            if (valid(held.get(document.typeCode())).isEmpty() && document.registry() != null && document.registry().canVouchFor(type)) {
                asked.computeIfAbsent(document.registry(), r -> ask(r, type, owner, caller));
            }
        }
        Map<Registry, Verdict> verdicts = new EnumMap<>(Registry.class);
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
                uses.add(PaperUse.registryFacts(document.typeCode(), item.verification().registry().name()));
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
                    new RegistryFact(verdict.registry(), verdict.facts(), verdict.at()), null, null);
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

    private CompletableFuture<Verdict> ask(Registry registry, OwnerType type, String owner, RegistryClient.Caller caller) {
        return switch (registry) {
            case POPULATION -> registries.residence(CitizenId.parse(owner), caller).thenApply(found -> found
                    .filter(f -> owner.equals(f.get("personalId")) && !Boolean.TRUE.equals(f.get("deceased")))
                    .map(f -> verified(registry, pick(f, "provinceCode", "communeCode", "detail")))
                    .orElseGet(() -> notHeld(registry, "The population registry has no living citizen with this identifier.")));
            case BUSINESS_REGISTRY -> registries.enterprise(EnterpriseCode.parse(owner), caller).thenApply(found -> {
                if (found.isEmpty() || !owner.equals(found.get().get("code"))) {
                    return notHeld(registry, "The business registry has no enterprise with this code.");
                }
                Map<String, Object> e = found.get();
                String status = String.valueOf(e.get("status"));
                if (withdrawn(status)) {
                    return new Verdict(registry, Outcome.REVOKED, null, Instant.now(), "The business registry says: " + status + ".");
                }
                return verified(registry, pick(e, "code", "name", "type", "status", "foundingDate", "lastAmendDate", "headOffice"));
            });
            case SOCIAL_INSURANCE -> registries.participantsOf(CitizenId.parse(owner), caller).thenApply(found -> found.stream()
                    .filter(p -> owner.equals(p.get("personalId")))
                    .findFirst()
                    .map(p -> verified(registry, pick(p, "number", "status")))
                    .orElseGet(() -> notHeld(registry, "The social-insurance database has no participant with this personal ID.")));
            case LAND -> registries.parcelsHeldBy(CitizenId.parse(owner), caller).thenApply(parcels -> {
                List<Map<String, Object>> held = parcels.stream().filter(p -> holds(p, owner)).toList();
                List<Map<String, Object>> inForce = held.stream().filter(p -> Boolean.TRUE.equals(p.get("valid")))
                        .map(p -> pick(p, "certificateNumber", "communeCode", "mapSheet", "parcelNumber", "area", "landUse"))
                        .toList();
                if (!inForce.isEmpty()) {
                    return verified(registry, Map.of("parcels", inForce));
                }
                return held.isEmpty() ? notHeld(registry, "The land database lists no parcel held by this person.")
                        : new Verdict(registry, Outcome.REVOKED, null, Instant.now(), "The land database lists this person's certificates only as revoked.");
            });
        };
    }

    /** Statuses of the business registry under which the registration no longer stands. */
    static boolean withdrawn(String status) {
        String s = status == null ? "" : status.toLowerCase(java.util.Locale.ROOT);
        return s.contains("giải thể") || s.contains("thu hồi") || s.contains("phá sản") || s.contains("chấm dứt");
    }

    @SuppressWarnings("unchecked")
    private static boolean holds(Map<String, Object> parcel, String personalId) {
        Object holders = parcel.get("holders");
        return holders instanceof List<?> list && list.stream()
                .anyMatch(h -> h instanceof Map<?, ?> m && personalId.equals(((Map<String, Object>) m).get("personalId")));
    }

    private static Verdict verified(Registry registry, Map<String, Object> facts) {
        return new Verdict(registry, Outcome.VERIFIED, facts, Instant.now(), null);
    }

    private static Verdict notHeld(Registry registry, String detail) {
        return new Verdict(registry, Outcome.NOT_HELD, null, Instant.now(), detail);
    }

    private static Map<String, Object> pick(Map<String, Object> from, String... keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            if (from.get(k) != null) {
                out.put(k, from.get(k));
            }
        }
        return out;
    }
}
