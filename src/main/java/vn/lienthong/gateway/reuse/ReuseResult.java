package vn.lienthong.gateway.reuse;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import vn.lienthong.gateway.edata.OwnerType;

/** The answer of a reuse check: one item per paper the procedure asks of this applicant, in the catalogue's order. */
public record ReuseResult(String checkId, String procedureCode, String procedureName, OwnerType applicantType, String applicantId,
                          Instant checkedAt, List<Item> items) {

    public enum Decision { REUSABLE_FROM_EDATA, VERIFIED_BY_REGISTRY, MUST_COLLECT }

    /** Why a paper must be collected. */
    public enum Reason {
        /** Neither the e-data store nor a registry holds it for this applicant. */
        NONE_HELD,
        /** The e-data store holds it only expired (valid until a day before today). */
        EXPIRED,
        /** The e-data store holds it only valid from a day after today: issued, not in force yet. */
        NOT_YET_VALID,
        /** The e-data store holds it only revoked (or the registry says it was withdrawn: a dissolved enterprise, a revoked land-use certificate). */
        REVOKED,
        /** The registry that could vouch for it did not answer within the check's time budget, or is down. */
        REGISTRY_UNAVAILABLE
    }

    /**
     * A document of the applicant's in force today in the e-data store.
     *
     * @param documentType the document's own type: the paper asked for, or a type the catalogue says replaces it
     */
    public record EdataDocument(UUID documentId, String number, String title, String issuer, LocalDate issueDate,
                                LocalDate validFrom, LocalDate validUntil, String documentType) {
    }

    /** What a registry vouched for, and when; the registry by its code ({@link Registry#code()}). */
    public record RegistryFact(String registry, Map<String, Object> facts, Instant verifiedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String documentType, String documentName, Decision decision, EdataDocument document, RegistryFact verification,
                       Reason reason, String detail) {
    }

    public long count(Decision decision) {
        return items.stream().filter(i -> i.decision() == decision).count();
    }
}
