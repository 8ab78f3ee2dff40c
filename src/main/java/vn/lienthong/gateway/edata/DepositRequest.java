package vn.lienthong.gateway.edata;

import java.time.LocalDate;

/**
 * What a depositor hands to {@link EdataStore#deposit}. Nothing is trusted: every field is checked
 * before anything is written.
 *
 * @param ownerType     required
 * @param ownerId       personal identification number or enterprise code, see {@link OwnerType}
 * @param typeCode      the catalogue's MaKetQua, see {@code mappings/document-types.yaml}
 * @param number        số ký hiệu, e.g. {@code 123/GCN-SKHĐT}
 * @param title         trích yếu / tên giấy tờ
 * @param issuingAgency the issuing agency's code (mã định danh cơ quan)
 * @param issueDate     required, not in the future
 * @param validFrom     null means the issue date
 * @param validUntil    null means the catalogue's default validity, or no end
 * @param source        dossier, procedure and channel
 * @param mediaType     only {@code application/pdf} for now
 * @param content       the document's bytes
 * @param depositor     the depositing partner's id
 */
public record DepositRequest(
        OwnerType ownerType,
        String ownerId,
        String typeCode,
        String number,
        String title,
        String issuingAgency,
        LocalDate issueDate,
        LocalDate validFrom,
        LocalDate validUntil,
        Source source,
        String mediaType,
        byte[] content,
        String depositor) {

    @Override
    public String toString() {
        return "DepositRequest[" + ownerType + " " + OwnerType.masked(ownerId) + ", type " + typeCode + ", number " + number
                + ", " + (content == null ? "no content" : content.length + " bytes") + ", by " + depositor + "]";
    }
}
