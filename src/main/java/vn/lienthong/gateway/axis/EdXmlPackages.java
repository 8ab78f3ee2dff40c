package vn.lienthong.gateway.axis;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import vn.lienthong.gateway.axis.edxml.Appendixes;
import vn.lienthong.gateway.axis.edxml.Attachment;
import vn.lienthong.gateway.axis.edxml.AttachmentEncoded;
import vn.lienthong.gateway.axis.edxml.Body;
import vn.lienthong.gateway.axis.edxml.Bussiness;
import vn.lienthong.gateway.axis.edxml.Code;
import vn.lienthong.gateway.axis.edxml.DocumentType;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.Envelope;
import vn.lienthong.gateway.axis.edxml.Header;
import vn.lienthong.gateway.axis.edxml.Manifest;
import vn.lienthong.gateway.axis.edxml.MessageHeader;
import vn.lienthong.gateway.axis.edxml.Organization;
import vn.lienthong.gateway.axis.edxml.OtherInfo;
import vn.lienthong.gateway.axis.edxml.PromulgationInfo;
import vn.lienthong.gateway.axis.edxml.Reference;
import vn.lienthong.gateway.axis.edxml.ResponseFor;
import vn.lienthong.gateway.axis.edxml.SignerInfo;
import vn.lienthong.gateway.axis.edxml.StaffInfo;
import vn.lienthong.gateway.axis.edxml.ToPlaces;
import vn.lienthong.gateway.axis.edxml.TraceHeader;
import vn.lienthong.gateway.axis.edxml.TraceHeaderList;

/** Builds the edXML model of what the province sends: a document package, a status message. */
public final class EdXmlPackages {

    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private EdXmlPackages() {
    }

    /** "<OrganId>,<yyyy/MM/dd>,<number/notation>" as the standard builds a DocumentId. */
    public static String documentId(String organId, LocalDate promulgated, String number, String notation) {
        return organId + "," + DATE.format(promulgated) + "," + number + "/" + notation;
    }

    public static EdXml document(OutgoingDocument d, AgencyDirectory directory, ZonedDateTime now) {
        OutgoingDocument.Details x = d.details();
        MessageHeader h = new MessageHeader();
        h.from = organization(directory.require(d.from()));
        h.from.organizationInCharge = x.organizationInCharge();
        h.from.fax = x.fax();
        h.from.website = x.website();
        for (String to : d.to()) {
            h.to.add(organization(directory.require(to)));
        }
        h.documentId = documentId(d.from(), d.promulgationDate(), d.codeNumber(), d.codeNotation());
        h.code = new Code();
        h.code.codeNumber = d.codeNumber();
        h.code.codeNotation = d.codeNotation();
        h.promulgationInfo = new PromulgationInfo();
        h.promulgationInfo.place = d.place();
        h.promulgationInfo.promulgationDate = DATE.format(d.promulgationDate());
        h.documentType = new DocumentType();
        h.documentType.type = d.documentType();
        h.documentType.typeDetail = x.typeDetail();
        h.documentType.typeName = d.documentTypeName();
        h.subject = d.subject();
        h.content = d.content();
        h.signerInfo = new SignerInfo();
        h.signerInfo.competence = d.signerCompetence();
        h.signerInfo.position = d.signerPosition();
        h.signerInfo.fullName = d.signerFullName();
        h.dueDate = d.dueDate() == null ? null : DATE.format(d.dueDate());
        if (!d.toPlaces().isEmpty()) {
            h.toPlaces = new ToPlaces();
            h.toPlaces.place.addAll(d.toPlaces());
        }
        h.otherInfo = new OtherInfo();
        h.otherInfo.priority = d.priority() == null ? 0 : d.priority();
        h.otherInfo.sphereOfPromulgation = x.sphereOfPromulgation();
        h.otherInfo.typerNotation = x.typerNotation();
        h.otherInfo.promulgationAmount = x.promulgationAmount();
        h.otherInfo.pageAmount = x.pageAmount() == null ? 1 : x.pageAmount();
        h.otherInfo.direction = x.direction();
        if (!x.appendixes().isEmpty()) {
            h.otherInfo.appendixes = new Appendixes();
            h.otherInfo.appendixes.appendix.addAll(x.appendixes());
        }
        h.steeringType = 0;

        TraceHeaderList traces = new TraceHeaderList();
        TraceHeader trace = new TraceHeader();
        trace.organId = d.from();
        trace.timestamp = TIMESTAMP.format(now.withZoneSameInstant(VIETNAM));
        traces.traceHeader.add(trace);
        traces.bussiness = new Bussiness();
        traces.bussiness.bussinessDocType = x.businessDocType() == null ? 0 : x.businessDocType(); // 0: a new document
        traces.bussiness.bussinessDocReason = x.businessDocReason();
        traces.bussiness.documentId = x.businessDocumentId();
        traces.bussiness.paper = x.paper();
        if (x.staff() != null) {
            traces.bussiness.staffInfo = new StaffInfo();
            traces.bussiness.staffInfo.department = x.staff().department();
            traces.bussiness.staffInfo.staff = x.staff().staff();
            traces.bussiness.staffInfo.mobile = x.staff().mobile();
            traces.bussiness.staffInfo.email = x.staff().email();
        }

        EdXml edxml = new EdXml();
        edxml.envelope = new Envelope();
        edxml.envelope.header = new Header();
        edxml.envelope.header.messageHeader = h;
        edxml.envelope.header.traceHeaderList = traces;
        // the body is inside the envelope, after the header: where every SDK of the axis looks for the manifest
        edxml.envelope.body = new Body();
        edxml.envelope.body.manifest = new Manifest();
        edxml.envelope.body.manifest.version = "1.0";
        int n = 0;
        for (OutgoingDocument.OutgoingAttachment a : d.attachments()) {
            String cid = "cid:" + (++n) + "-" + a.name().replaceAll("[^A-Za-z0-9._-]", "_");
            Reference reference = new Reference();
            reference.contentId = cid;
            reference.contentType = a.contentType();
            reference.attachmentName = a.name();
            reference.description = a.description();
            edxml.envelope.body.manifest.reference.add(reference);
            Attachment attachment = new Attachment();
            attachment.contentId = cid;
            attachment.attachmentName = a.name();
            attachment.description = a.description();
            attachment.contentType = a.contentType();
            attachment.contentTransferEncoded = a.content();
            if (edxml.attachments == null) {
                edxml.attachments = new AttachmentEncoded();
            }
            edxml.attachments.attachment.add(attachment);
        }
        return edxml;
    }

    /**
     * A status message, as the axis exchanges it: an edXML package without body or attachments whose
     * MessageHeader says who answers ({@code from}), which document ({@code about}, as its sender named it),
     * the code, a description and when.
     */
    public static EdXml status(ResponseFor about, Organization from, StaffInfo staff, StatusCode code, String description,
                               ZonedDateTime now) {
        MessageHeader h = new MessageHeader();
        h.from = from;
        h.responseFor.add(about);
        h.staffInfo = staff;
        h.statusCode = code.code();
        h.description = description;
        h.timestamp = TIMESTAMP.format(now.withZoneSameInstant(VIETNAM));
        EdXml edxml = new EdXml();
        edxml.envelope = new Envelope();
        edxml.envelope.header = new Header();
        edxml.envelope.header.messageHeader = h;
        return edxml;
    }

    /** The document a package is, as its sender named it: what a status about it puts in ResponseFor. */
    public static ResponseFor responseFor(MessageHeader about) {
        ResponseFor r = new ResponseFor();
        r.organId = about.from == null ? null : about.from.organId;
        r.code = about.code == null ? null : about.code.codeNumber + "/" + about.code.codeNotation;
        r.promulgationDate = about.promulgationInfo == null ? null : about.promulgationInfo.promulgationDate;
        r.documentId = about.documentId;
        return r;
    }

    public static Organization organization(AxisClient.Agency agency) {
        Organization o = new Organization();
        o.organId = agency.code();
        o.organName = agency.name();
        o.organAdd = agency.address();
        o.email = agency.email();
        o.telephone = agency.telephone();
        return o;
    }
}
