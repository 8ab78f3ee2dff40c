package vn.lienthong.gateway.reuse;

import java.util.Set;

import vn.lienthong.gateway.edata.OwnerType;

/**
 * The national databases whose facts can replace a paper (mappings/procedures.yaml, {@code registry:}),
 * and which applicants each can vouch for.
 */
public enum Registry {
    /** Proof of residence: the citizen's permanent residence in the population registry. */
    POPULATION(Set.of(OwnerType.CITIZEN)),
    /** Business registration papers: the enterprise (or branch) exists and is not dissolved. */
    BUSINESS_REGISTRY(Set.of(OwnerType.ENTERPRISE)),
    /** The social-insurance book: the citizen is a participant of social insurance. */
    SOCIAL_INSURANCE(Set.of(OwnerType.CITIZEN)),
    /** The land-use certificate: the citizen holds a parcel with a certificate still in force. */
    LAND(Set.of(OwnerType.CITIZEN));

    private final Set<OwnerType> applicants;

    Registry(Set<OwnerType> applicants) {
        this.applicants = applicants;
    }

    public boolean canVouchFor(OwnerType applicant) {
        return applicants.contains(applicant);
    }
}
