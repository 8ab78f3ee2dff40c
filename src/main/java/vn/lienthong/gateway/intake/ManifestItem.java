package vn.lienthong.gateway.intake;

import java.time.LocalDate;

import vn.lienthong.gateway.edata.OwnerType;

/**
 * One document of a batch as the manifest describes it. Nothing here is trusted yet: the owner id,
 * the type code and the file itself are checked item by item, so one bad item refuses that item only.
 *
 * @param title null means the document type's name
 */
public record ManifestItem(String id, String file, String sha256, OwnerType ownerType, String ownerId, String typeCode,
                           String number, String title, String issuer, LocalDate issueDate, LocalDate validFrom, LocalDate validUntil) {

    @Override
    public String toString() {
        return "ManifestItem[" + id + ", " + file + ", " + ownerType + " " + OwnerType.masked(ownerId) + ", type " + typeCode + "]";
    }
}
