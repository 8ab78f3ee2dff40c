package vn.lienthong.gateway.edata;

import java.util.List;
import java.util.Set;

/**
 * One kind of administrative result the store accepts, from {@code mappings/document-types.yaml}.
 *
 * @param code                 the national catalogue's MaKetQua
 * @param name                 the Vietnamese name
 * @param ownerTypes           who such a document is issued to
 * @param defaultValidityYears how long it is valid when the depositor does not say; null = no end
 * @param replaces             the types a document of this type may stand in for (e.g. a newer form of the
 *                             same certificate), in the file's order; empty (the default) = none
 */
public record DocumentType(String code, String name, Set<OwnerType> ownerTypes, Integer defaultValidityYears, List<Replacement> replaces) {

    /**
     * This type stands in for {@code typeCode}: a reuse check that asks for {@code typeCode} may offer a
     * document of this type instead.
     *
     * @param procedures the procedure codes for which it does; empty = every procedure that asks for {@code typeCode}
     */
    public record Replacement(String typeCode, Set<String> procedures) {

        public Replacement {
            procedures = Set.copyOf(procedures);
        }

        public boolean appliesTo(String procedureCode) {
            return procedures.isEmpty() || procedures.contains(procedureCode);
        }
    }

    public DocumentType {
        ownerTypes = Set.copyOf(ownerTypes);
        replaces = replaces == null ? List.of() : List.copyOf(replaces);
    }

    public DocumentType(String code, String name, Set<OwnerType> ownerTypes, Integer defaultValidityYears) {
        this(code, name, ownerTypes, defaultValidityYears, List.of());
    }
}
