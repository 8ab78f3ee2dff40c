package vn.lienthong.gateway.reuse;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import vn.lienthong.gateway.edata.Channel;
import vn.lienthong.gateway.edata.DocumentStatus;
import vn.lienthong.gateway.edata.DepositRequest;
import vn.lienthong.gateway.edata.DocumentType;
import vn.lienthong.gateway.edata.DocumentTypeCatalog;
import vn.lienthong.gateway.edata.EdataStore;
import vn.lienthong.gateway.edata.OwnerType;
import vn.lienthong.gateway.edata.Source;
import vn.lienthong.gateway.edata.StoredDocument;
import vn.lienthong.gateway.reuse.Procedure.RequiredDocument;
import vn.lienthong.gateway.sandbox.Person;
import vn.lienthong.gateway.sandbox.Population;
import vn.lienthong.gateway.sandbox.RegistryWorld;

/**
 * A synthetic province with known ground truth, to measure how well the reuse check keeps the
 * once-only promise: citizens and enterprises drawn from the sandbox registries (plus a few the
 * registries do not know), past results deposited in the e-data store (some expired, some revoked,
 * some valid only from a future date, some expiring or starting today), and new dossiers across the
 * procedure catalogue. For every paper a dossier requires, the scenario
 * knows whether the state holds it — a valid e-data document of the applicant's, or a registry fact
 * about the applicant (read straight from the simulators' data, not through the gateway) — and
 * scores the gateway's answers against that:
 * <ul>
 *   <li><b>recall</b>: the share of papers the state holds that the check offered (target ≥ 95%);</li>
 *   <li><b>false offers</b>: papers offered that the state does not hold for this applicant, or a
 *       document that is not one of the applicant's in force today (target 0).</li>
 * </ul>
 * The e-data ground truth is computed here from each document's stored status and dates (stored VALID
 * and {@code validFrom ≤ today ≤ validUntil} in Vietnam), not from the store's own {@code validOnly}
 * answer, so that a store that gets "in force" wrong is caught. Every document offered must also be
 * in its owner's access log ({@link #unrecordedOffers}).
 */
public final class OnceOnlyScenario {

    /** How big the province is. */
    public record Size(int citizens, int enterprises, int pastResults, int dossiers) {
        public static final Size FULL = new Size(10_000, 2_000, 20_000, 5_000);
    }

    /** A new dossier: which procedure, who applies. */
    public record Dossier(String procedureCode, OwnerType applicantType, String applicantId) {
    }

    private record Planned(OwnerType ownerType, String ownerId, String typeCode, LocalDate issueDate, LocalDate validFrom, LocalDate validUntil,
                           boolean revoke) {
    }

    /** An offer the gateway made: the owner must find it in their access log. */
    private record Offer(OwnerType ownerType, String ownerId, String checkId, UUID documentId) {
    }

    private final Population population;
    private final RegistryWorld world;
    private final ProcedureCatalogue catalogue;
    private final List<Planned> planned;
    private final List<Dossier> dossiers;
    private final Set<String> owners = new HashSet<>();
    /** owner|type -> ids of the documents valid today (the e-data ground truth), filled by {@link #deposit}. */
    private final Map<String, Set<UUID>> validDocuments = new ConcurrentHashMap<>();
    /** owner|type of the papers held in the e-data store only valid from a future date (no copy in force). */
    private final Set<String> futureOnly = ConcurrentHashMap.newKeySet();
    private final List<Offer> offers = Collections.synchronizedList(new ArrayList<>());

    private OnceOnlyScenario(Population population, RegistryWorld world, ProcedureCatalogue catalogue, List<Planned> planned, List<Dossier> dossiers) {
        this.population = population;
        this.world = world;
        this.catalogue = catalogue;
        this.planned = planned;
        this.dossiers = dossiers;
        planned.forEach(p -> owners.add(p.ownerType() + "|" + p.ownerId()));
        dossiers.forEach(d -> owners.add(d.applicantType() + "|" + d.applicantId()));
    }

    public static OnceOnlyScenario generate(Population population, RegistryWorld world, ProcedureCatalogue catalogue,
                                            DocumentTypeCatalog types, Size size, long seed) {
        Random random = new Random(seed);
        // citizens: the population's, leaving out its fixed cases (other tests use them), and ~2% the registry does not know
        List<Person> people = new ArrayList<>(population.people().subList(5, population.size()));
        Collections.shuffle(people, random);
        List<String> citizens = new ArrayList<>();
        for (Person p : people.subList(0, Math.min(size.citizens(), people.size()))) {
            citizens.add(p.personalId());
        }
        for (int i = 0; i < size.citizens() / 50; i++) {
            String id;
            do {
                id = String.format("0011%02d%06d", 60 + random.nextInt(40), random.nextInt(1_000_000));
            } while (population.byPersonalId(id).isPresent());
            citizens.set(random.nextInt(citizens.size()), id);
        }
        List<String> enterprises = new ArrayList<>();
        List<RegistryWorld.Enterprise> known = new ArrayList<>(world.enterprises());
        known.removeIf(e -> e.code().startsWith("0109876543") || e.code().equals("0100234567"));
        Collections.shuffle(known, random);
        known.subList(0, Math.min(size.enterprises(), known.size())).forEach(e -> enterprises.add(e.code()));
        for (int i = 0; i < size.enterprises() / 50; i++) {
            String code;
            do {
                code = String.format("99%08d", random.nextInt(100_000_000));
            } while (world.enterprise(code).isPresent());
            enterprises.set(random.nextInt(enterprises.size()), code);
        }

        // the papers the procedures ask for, per kind of applicant (past results are mostly of these)
        Map<OwnerType, List<String>> asked = Map.of(OwnerType.CITIZEN, new ArrayList<>(), OwnerType.ENTERPRISE, new ArrayList<>());
        for (Procedure p : catalogue.procedures()) {
            for (OwnerType t : p.applicantTypes()) {
                p.documentsFor(t).forEach(d -> asked.get(t).add(d.typeCode()));
            }
        }
        LocalDate today = LocalDate.now(EdataStore.VIETNAM);
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < size.pastResults(); i++) {
            boolean citizen = random.nextInt(100) < 75;
            OwnerType ownerType = citizen ? OwnerType.CITIZEN : OwnerType.ENTERPRISE;
            String owner = citizen ? citizens.get(random.nextInt(citizens.size())) : enterprises.get(random.nextInt(enterprises.size()));
            List<String> typeCodes = asked.get(ownerType);
            DocumentType type = types.find(typeCodes.get(random.nextInt(typeCodes.size()))).orElseThrow();
            int roll = random.nextInt(100);
            Integer years = type.defaultValidityYears();
            LocalDate issued;
            LocalDate from = null;
            LocalDate until = null;
            if (roll < 10) { // expired (1 in 10 of them yesterday)
                issued = today.minusYears((years == null ? 5 : years) + 2L).minusDays(random.nextInt(300));
                until = random.nextInt(10) == 0 ? today.minusDays(1) : today.minusDays(1 + random.nextInt(600));
            } else if (roll >= 16 && roll < 24) { // issued, but valid only from a future date (from tomorrow to two months on)
                issued = today.minusDays(random.nextInt(30));
                from = today.plusDays(1 + random.nextInt(60));
            } else if (roll >= 24 && roll < 26) { // in force from today
                issued = today.minusDays(random.nextInt(30));
                from = today;
            } else if (roll >= 26 && roll < 28) { // in force until today, included
                issued = today.minusYears(years == null ? 3 : years).minusDays(random.nextInt(30));
                until = today;
            } else {
                int span = years == null ? 15 * 365 : years * 365 - 30;
                issued = today.minusDays(1 + random.nextInt(Math.max(span, 2)));
            }
            planned.add(new Planned(ownerType, owner, type.code(), issued, from, until, roll >= 10 && roll < 16));
        }
        List<Procedure> procedures = new ArrayList<>(catalogue.procedures());
        List<Dossier> dossiers = new ArrayList<>();
        for (int i = 0; i < size.dossiers(); i++) {
            Procedure p = procedures.get(random.nextInt(procedures.size()));
            List<OwnerType> kinds = new ArrayList<>(p.applicantTypes());
            Collections.sort(kinds);
            OwnerType kind = kinds.get(random.nextInt(kinds.size()));
            String applicant = kind == OwnerType.CITIZEN ? citizens.get(random.nextInt(citizens.size())) : enterprises.get(random.nextInt(enterprises.size()));
            dossiers.add(new Dossier(p.code(), kind, applicant));
        }
        return new OnceOnlyScenario(population, world, catalogue, planned, dossiers);
    }

    public List<Dossier> dossiers() {
        return dossiers;
    }

    public int pastResults() {
        return planned.size();
    }

    /**
     * Deposits the past results ({@code threads} at a time), revokes those planned revoked, and
     * takes as e-data ground truth every document valid today of the scenario's owners — also those
     * that were in the store before (another flow may have deposited for the same people).
     * Returns how many documents are valid.
     */
    public int deposit(EdataStore store, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger n = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Planned p : planned) {
                done.add(pool.submit(() -> {
                    int i = n.incrementAndGet();
                    String number = i + "/" + p.issueDate().getYear() + "/KQ-SCN-" + Long.toHexString(p.ownerId().hashCode() & 0xffffffL);
                    StoredDocument d = store.deposit(new DepositRequest(p.ownerType(), p.ownerId(), p.typeCode(), number, "Kết quả " + number,
                            "000.00.00.H41", p.issueDate(), p.validFrom(), p.validUntil(), new Source(null, null, Channel.IGATE), "application/pdf",
                            ("%PDF-1.7\n% " + number + " " + p.ownerId() + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII), "scenario")).document();
                    if (p.revoke()) {
                        store.revoke(d.id(), "thu hồi (kịch bản)", "scenario");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        LocalDate today = LocalDate.now(EdataStore.VIETNAM);
        int valid = 0;
        Set<String> future = new HashSet<>();
        for (String owner : owners) {
            String[] parts = owner.split("\\|");
            // in force today, judged here from the stored status and the dates, not by the store's validOnly
            for (StoredDocument d : store.search(OwnerType.valueOf(parts[0]), parts[1], null, false)) {
                String key = d.ownerType() + "|" + d.ownerId() + "|" + d.typeCode();
                boolean stored = d.storedStatus() == DocumentStatus.VALID;
                if (stored && !d.validFrom().isAfter(today) && (d.validUntil() == null || !d.validUntil().isBefore(today))) {
                    validDocuments.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(d.id());
                    valid++;
                } else if (stored && d.validFrom().isAfter(today)) {
                    future.add(key);
                }
            }
        }
        future.removeAll(validDocuments.keySet());
        futureOnly.addAll(future);
        return valid;
    }

    /** The JSON body of dossier {@code i}'s reuse check. */
    public String requestBody(int i) {
        Dossier d = dossiers.get(i);
        return "{\"procedureCode\": \"" + d.procedureCode() + "\", \"applicant\": {\"type\": \"" + d.applicantType() + "\", \"id\": \""
                + d.applicantId() + "\"}, \"requester\": \"scenario\", \"purpose\": \"tiep-nhan-ho-so\", \"explicitRequest\": true, "
                + "\"dossierCode\": \"SCN-" + i + "\"}";
    }

    /** Ground truth: does the state hold this paper for this applicant, in the e-data store or as a registry fact? */
    boolean stateHolds(Dossier d, RequiredDocument paper) {
        return !edataHolds(d, paper).isEmpty() || registryHolds(d, paper);
    }

    private Set<UUID> edataHolds(Dossier d, RequiredDocument paper) {
        return validDocuments.getOrDefault(d.applicantType() + "|" + d.applicantId() + "|" + paper.typeCode(), Set.of());
    }

    private boolean registryHolds(Dossier d, RequiredDocument paper) {
        Registry r = paper.registry();
        if (r == null || !r.canVouchFor(d.applicantType())) {
            return false;
        }
        String id = d.applicantId();
        return switch (r.code()) {
            case "POPULATION" -> population.byPersonalId(id).filter(p -> p.deathDate() == null).isPresent();
            case "BUSINESS_REGISTRY" -> world.enterprise(id).filter(e -> !e.status().contains("giải thể")).isPresent();
            case "SOCIAL_INSURANCE" -> world.participantOf(id).isPresent();
            case "LAND" -> world.parcelsHeldBy(id).stream().anyMatch(RegistryWorld.Parcel::valid);
            default -> throw new IllegalStateException("no ground truth for registry " + r.name());
        };
    }

    /** The running score of a scenario. Thread-safe. */
    public final class Score {
        final AtomicLong paperCount = new AtomicLong();
        final AtomicLong held = new AtomicLong();
        final AtomicLong offeredHeld = new AtomicLong();
        final AtomicLong falseOffers = new AtomicLong();
        final AtomicLong unavailable = new AtomicLong();
        final AtomicLong wrongItems = new AtomicLong();
        final AtomicLong dossiersFullyServed = new AtomicLong();
        final AtomicLong dossiersScored = new AtomicLong();
        final AtomicLong futureOnlyPapers = new AtomicLong();
        final AtomicLong futureOnlyOffered = new AtomicLong();
        final List<String> examples = Collections.synchronizedList(new ArrayList<>());

        /** Scores the answer to dossier {@code i}. */
        public void add(int i, JsonNode answer) {
            Dossier d = dossiers.get(i);
            Procedure procedure = catalogue.find(d.procedureCode()).orElseThrow();
            List<RequiredDocument> papers = procedure.documentsFor(d.applicantType());
            dossiersScored.incrementAndGet();
            if (answer.path("items").size() != papers.size()) {
                wrongItems.incrementAndGet();
                example("dossier " + i + ": " + answer.path("items").size() + " items for " + papers.size() + " papers");
                return;
            }
            boolean allHeldOffered = true;
            for (int k = 0; k < papers.size(); k++) {
                RequiredDocument paper = papers.get(k);
                JsonNode item = answer.path("items").get(k);
                paperCount.incrementAndGet();
                if (!paper.typeCode().equals(item.path("documentType").asText())) {
                    wrongItems.incrementAndGet();
                    continue;
                }
                String decision = item.path("decision").asText();
                boolean truth = stateHolds(d, paper);
                boolean offered = !decision.equals("MUST_COLLECT");
                boolean onlyFuture = futureOnly.contains(d.applicantType() + "|" + d.applicantId() + "|" + paper.typeCode());
                if (onlyFuture) {
                    futureOnlyPapers.incrementAndGet();
                    if (decision.equals("REUSABLE_FROM_EDATA")) {
                        futureOnlyOffered.incrementAndGet();
                    }
                }
                if (decision.equals("REUSABLE_FROM_EDATA") && item.path("document").hasNonNull("documentId")) {
                    offers.add(new Offer(d.applicantType(), d.applicantId(), answer.path("checkId").asText(),
                            UUID.fromString(item.path("document").path("documentId").asText())));
                }
                if (truth) {
                    held.incrementAndGet();
                }
                if ("REGISTRY_UNAVAILABLE".equals(item.path("reason").asText())) {
                    unavailable.incrementAndGet();
                }
                boolean right = switch (decision) {
                    case "REUSABLE_FROM_EDATA" -> edataHolds(d, paper).contains(UUID.fromString(item.path("document").path("documentId").asText()));
                    case "VERIFIED_BY_REGISTRY" -> registryHolds(d, paper) && item.path("verification").path("registry").asText().equals(paper.registry().code());
                    default -> true;
                };
                if (offered && !right) {
                    falseOffers.incrementAndGet();
                    example("FALSE OFFER dossier " + i + " " + d + " " + paper.typeCode() + ": " + item);
                } else if (offered) {
                    offeredHeld.incrementAndGet();
                } else if (truth) {
                    allHeldOffered = false;
                    example("missed dossier " + i + " " + d + " " + paper.typeCode() + ": " + item);
                }
            }
            if (allHeldOffered) {
                dossiersFullyServed.incrementAndGet();
            }
        }

        private void example(String s) {
            if (examples.size() < 10) {
                examples.add(s);
            }
        }

        public double recall() {
            return held.get() == 0 ? 1.0 : (double) offeredHeld.get() / held.get();
        }

        public long falseOffers() {
            return falseOffers.get();
        }

        public long wrongItems() {
            return wrongItems.get();
        }

        /** Papers whose only e-data copy of the applicant's is valid from a future date, and how many of them were offered from it. */
        public long futureOnlyPapers() {
            return futureOnlyPapers.get();
        }

        public long futureOnlyOffered() {
            return futureOnlyOffered.get();
        }

        public List<String> examples() {
            return List.copyOf(examples);
        }

        @Override
        public String toString() {
            return String.format("%d dossiers, %d papers required, %d held by the state, %d offered (recall %.2f%%), %d false offers, "
                            + "%d registry-unavailable, %d malformed answers; %.1f%% of dossiers asked for nothing the state holds; "
                            + "%d papers held in e-data only valid from a future date, %d of them offered from e-data",
                    dossiersScored.get(), paperCount.get(), held.get(), offeredHeld.get(), 100 * recall(), falseOffers.get(), unavailable.get(),
                    wrongItems.get(), dossiersScored.get() == 0 ? 0 : 100.0 * dossiersFullyServed.get() / dossiersScored.get(),
                    futureOnlyPapers.get(), futureOnlyOffered.get());
        }
    }

    /**
     * The documents offered by the checks scored so far that are not in their owner's access log as
     * OFFERED under the check's id (target: none), as "owner: check document" lines.
     */
    public List<String> unrecordedOffers(EdataStore store) {
        Map<String, Set<String>> logged = new java.util.HashMap<>();
        List<String> missing = new ArrayList<>();
        synchronized (offers) {
            for (Offer o : offers) {
                Set<String> entries = logged.computeIfAbsent(o.ownerType() + "|" + o.ownerId(), k -> {
                    Set<String> set = new HashSet<>();
                    store.accessLog(o.ownerType(), o.ownerId()).stream().filter(r -> "OFFERED".equals(r.outcome()))
                            .forEach(r -> set.add(r.requestId() + " " + r.documentId()));
                    return set;
                });
                if (!entries.contains(o.checkId() + " " + o.documentId())) {
                    missing.add(o.ownerType() + " " + OwnerType.masked(o.ownerId()) + ": " + o.checkId() + " " + o.documentId());
                }
            }
        }
        return missing;
    }

    /** How many documents the checks scored so far offered. */
    public int offersMade() {
        return offers.size();
    }

    public Score newScore() {
        return new Score();
    }

    /** Sends one reuse check: the dossier's index in, the gateway's answer out. */
    @FunctionalInterface
    public interface Sender {
        java.net.http.HttpResponse<String> send(int dossier) throws Exception;
    }

    /** Runs every dossier's reuse check once, {@code threads} at a time, and scores the answers; any answer but 200 fails. */
    public Score checkAll(Sender sender, int threads) throws Exception {
        Score score = new Score();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < dossiers.size(); i++) {
                int n = i;
                done.add(clients.submit(() -> {
                    java.net.http.HttpResponse<String> response = sender.send(n);
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("reuse check of dossier " + n + " answered HTTP " + response.statusCode() + ": " + response.body());
                    }
                    score.add(n, json.readTree(response.body()));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return score;
    }
}
