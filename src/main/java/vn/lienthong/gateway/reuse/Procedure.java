package vn.lienthong.gateway.reuse;

import java.util.List;
import java.util.Set;

import vn.lienthong.gateway.edata.OwnerType;

/**
 * A procedure of the catalogue: who may apply, and the papers it requires.
 *
 * @param documents in the catalogue's order
 */
public record Procedure(String code, String name, String field, Set<OwnerType> applicantTypes, List<RequiredDocument> documents) {

    /** A required paper: its document type, and the registry whose fact can replace it (null: none can). */
    public record RequiredDocument(String typeCode, String typeName, Set<OwnerType> issuedTo, Registry registry) {
    }

    /** The papers asked of this kind of applicant: those issued to its kind of owner. */
    public List<RequiredDocument> documentsFor(OwnerType applicant) {
        return documents.stream().filter(d -> d.issuedTo().contains(applicant)).toList();
    }
}
