package vn.lienthong.gateway.axis;

import java.time.LocalDate;
import java.util.List;

/** What a partner asks the gateway to send over the axis (POST /api/v1/axis/documents), already checked. */
public record OutgoingDocument(String from, List<String> to, String codeNumber, String codeNotation,
                               String place, LocalDate promulgationDate, int documentType, String documentTypeName,
                               String subject, String content, String signerCompetence, String signerPosition,
                               String signerFullName, LocalDate dueDate, Integer priority, List<String> toPlaces,
                               List<OutgoingAttachment> attachments) {

    public record OutgoingAttachment(String name, String contentType, String description, byte[] content) {
    }
}
