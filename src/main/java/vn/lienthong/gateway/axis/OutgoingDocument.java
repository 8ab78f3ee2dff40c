package vn.lienthong.gateway.axis;

import java.time.LocalDate;
import java.util.List;

/** What a partner asks the gateway to send over the axis (POST /api/v1/axis/documents), already checked. */
public record OutgoingDocument(String from, List<String> to, String codeNumber, String codeNotation,
                               String place, LocalDate promulgationDate, int documentType, String documentTypeName,
                               String subject, String content, String signerCompetence, String signerPosition,
                               String signerFullName, LocalDate dueDate, Integer priority, List<String> toPlaces,
                               List<OutgoingAttachment> attachments, Details details) {

    public OutgoingDocument {
        details = details == null ? Details.NONE : details;
    }

    /** Without the optional content. */
    public OutgoingDocument(String from, List<String> to, String codeNumber, String codeNotation, String place,
                            LocalDate promulgationDate, int documentType, String documentTypeName, String subject, String content,
                            String signerCompetence, String signerPosition, String signerFullName, LocalDate dueDate,
                            Integer priority, List<String> toPlaces, List<OutgoingAttachment> attachments) {
        this(from, to, codeNumber, codeNotation, place, promulgationDate, documentType, documentTypeName, subject, content,
                signerCompetence, signerPosition, signerFullName, dueDate, priority, toPlaces, attachments, Details.NONE);
    }

    public record OutgoingAttachment(String name, String contentType, String description, byte[] content) {
    }

    /**
     * The optional content of the standard a sender may need: the sending agency's OrganizationInCharge, Fax and Website
     * (From), TypeDetail, OtherInfo's SphereOfPromulgation, TyperNotation, PromulgationAmount, PageAmount, Direction and
     * Appendixes, and the business of the package (Bussiness: 0 new, 1 revoke, 2 update, 3 replace; its reason, the
     * DocumentId it is about, Paper) with who handled it (StaffInfo). Null: not written.
     */
    public record Details(String organizationInCharge, String fax, String website, Integer typeDetail,
                          String sphereOfPromulgation, String typerNotation, Integer promulgationAmount, Integer pageAmount,
                          Boolean direction, List<String> appendixes, Integer businessDocType, String businessDocReason,
                          String businessDocumentId, Integer paper, Staff staff) {

        public static final Details NONE = new Details(null, null, null, null, null, null, null, null, null, List.of(), null,
                null, null, null, null);

        public Details {
            appendixes = appendixes == null ? List.of() : List.copyOf(appendixes);
        }
    }

    /** StaffInfo: who handled the document. */
    public record Staff(String department, String staff, String mobile, String email) {
    }
}
