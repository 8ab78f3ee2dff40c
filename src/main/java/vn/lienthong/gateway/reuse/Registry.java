package vn.lienthong.gateway.reuse;

import java.nio.file.Path;
import java.util.Set;

import vn.lienthong.gateway.edata.OwnerType;

/**
 * A national database whose fact can replace a paper, as {@code mappings/procedures.yaml} defines it
 * under {@code registries:} and a required document names it ({@code registry: <name>}): the
 * connector that asks it, what it is asked, and the mapping that turns its answer into a verdict.
 * Nothing about a particular registry is in Java: a new registry is a connector, a mapping and an
 * entry of that file.
 *
 * @param name       what a document's {@code registry:} says, e.g. {@code business-registry}
 * @param code       how answers and the owner's access log name it, e.g. {@code BUSINESS_REGISTRY}
 * @param connector  the Kamelet that asks it ({@code connectors/<connector>.kamelet.yaml})
 * @param query      the connector's input; {@code {id}} stands for the applicant's validated identifier
 * @param operation  for a connector with several operations, which one (exchange property
 *                   {@code registry.operation}); null when it has one
 * @param mapping    the XSLT that reads the connector's answer (with parameter {@code applicantId}) and
 *                   says {@code {"outcome": "VERIFIED", "facts": {...}}}, {@code {"outcome": "NOT_HELD", "detail": "..."}}
 *                   or {@code {"outcome": "REVOKED", "detail": "..."}}
 * @param vouchesFor the applicants whose papers it can vouch for
 */
public record Registry(String name, String code, String connector, String query, String operation, Path mapping, Set<OwnerType> vouchesFor) {

    /** Where the applicant's identifier goes in {@link #query}. */
    public static final String ID = "{id}";

    public boolean canVouchFor(OwnerType applicant) {
        return vouchesFor.contains(applicant);
    }

    /** The connector's input for this applicant (an identifier already validated and normalised). */
    public String queryFor(String applicantId) {
        return query.replace(ID, applicantId);
    }

    @Override
    public String toString() {
        return code;
    }
}
