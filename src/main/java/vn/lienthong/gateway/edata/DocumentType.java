package vn.lienthong.gateway.edata;

import java.util.Set;

/**
 * One kind of administrative result the store accepts, from {@code mappings/document-types.yaml}.
 *
 * @param code                 the national catalogue's MaKetQua
 * @param name                 the Vietnamese name
 * @param ownerTypes           who such a document is issued to
 * @param defaultValidityYears how long it is valid when the depositor does not say; null = no end
 */
public record DocumentType(String code, String name, Set<OwnerType> ownerTypes, Integer defaultValidityYears) {

    public DocumentType {
        ownerTypes = Set.copyOf(ownerTypes);
    }
}
