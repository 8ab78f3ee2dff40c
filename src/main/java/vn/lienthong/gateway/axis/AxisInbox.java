package vn.lienthong.gateway.axis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.axis.edxml.MessageHeader;
import vn.lienthong.gateway.axis.edxml.Organization;
import vn.lienthong.gateway.axis.edxml.ResponseFor;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.SigningIdentity;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * What arrives for the province over the axis (routes/document-axis.camel.yaml, routes axis-poll and
 * axis-receive). Tolerant in form, strict in trust. A package is accepted only when: nothing but a BOM, white
 * space or a few ASCII digits precede the XML; it parses without DOCTYPE; its root is {edXML}edXML, a status
 * message (StatusCode in its MessageHeader) when the axis said so; it follows the open edXML schema and has what
 * a package must have ({@link EdXmlChecks}: every problem is collected, not the first); its one signature (in the
 * XML-DSig namespace or, as most senders write it, without that namespace declaration) is valid, made with an
 * accepted algorithm, covers the whole package and comes from a certificate that
 * chains to a trusted CA ({@link EdXmlSignatures}). It is then read from that same DOM node, delivered
 * once per (sender, DocumentId, addressee) to the addressee's configured endpoint (claimed in the database,
 * so that several instances polling the same axis never handle one package at the same time), and answered with a
 * signed status 03 (each step recorded, so a crash between them is finished by the next poll, at least once); anything refused is answered with status 02 and the reason. A status message
 * for a document the province sent is added to that document's trace. Every package and status is
 * recorded in the message log.
 */
public class AxisInbox {

    private static final Logger LOG = LoggerFactory.getLogger(AxisInbox.class);
    static final String SYSTEM = "document-axis";

    private final AxisClient client;
    private final AxisStore store;
    private final AgencyDirectory directory;
    private final AxisProperties properties;
    private final CmsVerifier trust;
    private final SigningIdentity identity;
    private final ProducerTemplate producer;
    private final MessageLog messageLog;

    public AxisInbox(AxisClient client, AxisStore store, AgencyDirectory directory, AxisProperties properties, CmsVerifier trust,
                     SigningIdentity identity, ProducerTemplate producer, MessageLog messageLog) {
        this.client = client;
        this.store = store;
        this.directory = directory;
        this.properties = properties;
        this.trust = trust;
        this.identity = identity;
        this.producer = producer;
        this.messageLog = messageLog;
    }

    /**
     * A package or status the checks refused, with the sentence that goes into status 02 and, when the package could
     * be read that far, the document as its sender named it (for ResponseFor) and the sender it claims.
     */
    static final class Refused extends RuntimeException {
        final transient Element root;

        Refused(String reason) {
            this(reason, null);
        }

        Refused(String reason, Element root) {
            super(reason, null, false, false);
            this.root = root;
        }
    }

    /** Quirk: stray ASCII digits (or blanks) before the XML, as in files kept by some senders; dropped before parsing. */
    static final String QUIRK_LEADING_BYTES = "LEADING_BYTES_BEFORE_XML";
    /** Quirk: no signature at all, accepted because gateway.axis.unsigned-packages is accept-and-flag. */
    static final String QUIRK_UNSIGNED = "UNSIGNED";

    /** What the checks let through: the verified document, whether it is a status message, how it was signed, its quirks. */
    record Checked(Document document, boolean status, String algorithm, String signer, List<String> quirks) {
    }

    /** The messages waiting at the axis for each of the province's agencies. */
    public List<AxisClient.Pending> pending() {
        List<AxisClient.Pending> all = new ArrayList<>();
        for (String agency : properties.provinceAgencies()) {
            all.addAll(client.pending(agency, "axis-poll-" + agency));
        }
        return all;
    }

    /** Fetches, checks and handles one message; throws (and leaves it waiting at the axis) only when it may succeed later. */
    public void receive(Exchange exchange) {
        AxisClient.Pending pending = exchange.getMessage().getBody(AxisClient.Pending.class);
        String requestId = "axis-" + pending.id();
        Instant started = Instant.now();
        byte[] raw = client.fetch(pending.id(), requestId);
        String outcome;
        byte[] answer = null;
        try {
            Checked checked = check(raw, pending.type());
            EdXml edxml = EdXmlCodec.read(checked.document().getDocumentElement(), EdXml.class);
            outcome = checked.status()
                    ? status(pending, edxml.envelope.header.messageHeader, requestId)
                    : document(pending, edxml, checked, raw, requestId);
        } catch (Refused refused) {
            outcome = refuse(pending, refused, requestId);
            answer = refused.getMessage().getBytes(StandardCharsets.UTF_8);
        }
        messageLog.append(MessageLogEntry.inbound(requestId).partner(SYSTEM).service("axis.receive." + pending.type())
                .started(started).requestBody(raw).responseBody(answer).outcome(outcome).build());
    }

    /** The checks, in order; returns the verified document, whose document element is what was signed. */
    Checked check(byte[] raw, String type) {
        List<String> quirks = new ArrayList<>();
        byte[] xml = withoutLeadingNoise(raw, quirks);
        Document document;
        try {
            document = EdXmlCodec.parse(xml);
        } catch (XmlRejectedException e) {
            throw new Refused("Gói tin không phải XML hợp lệ hoặc có khai báo DOCTYPE, không được chấp nhận (not well-formed XML, or carries a DOCTYPE: "
                    + e.getMessage() + ").");
        }
        Element root = document.getDocumentElement();
        if (!EdXmlNames.NS.equals(root.getNamespaceURI()) || !"edXML".equals(root.getLocalName())) {
            throw new Refused("Gói tin không phải edXML: phần tử gốc là {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", chuẩn quy định edXML trong không gian tên " + EdXmlNames.NS + " (not an edXML package).");
        }
        boolean status = EdXmlChecks.isStatus(root);
        List<String> problems = new ArrayList<>();
        if (AxisClient.TYPE_STATUS.equals(type) && !status) {
            problems.add("Trục gửi gói tin này như thông báo trạng thái nhưng MessageHeader không có StatusCode (not an edXML status message).");
        } else if (AxisClient.TYPE_DOCUMENT.equals(type) && status) {
            problems.add("Trục gửi gói tin này như văn bản nhưng nó là thông báo trạng thái (a status message, not a document package).");
        }
        problems.addAll(EdXmlCodec.schemaProblems(document));
        problems.addAll(status ? EdXmlChecks.statusProblems(root) : EdXmlChecks.documentProblems(root));
        Element header = header(root);
        EdXmlSignatures.Check check = EdXmlSignatures.verify(document, header, trust, properties.acceptedSignatureUris());
        if (check.unsigned() && properties.acceptsUnsigned()) {
            quirks.add(QUIRK_UNSIGNED);
        } else if (!check.valid()) {
            problems.add(check.reason());
        }
        if (!problems.isEmpty()) {
            StringBuilder reason = new StringBuilder("Gói tin có ").append(problems.size()).append(" lỗi: ");
            for (int i = 0; i < problems.size(); i++) {
                reason.append(i == 0 ? "" : " ").append(i + 1).append(") ").append(problems.get(i));
            }
            throw new Refused(reason.toString(), root);
        }
        quirks.addAll(check.quirks());
        if (EdXmlSignatures.RSA_SHA1.equals(check.algorithm())) {
            LOG.info("An edXML message signed with RSA-SHA1 (as most senders on the axis sign today; {}) was accepted", check.signerSubject());
        }
        if (check.unsigned()) {
            LOG.warn("An unsigned edXML message was accepted and flagged (gateway.axis.unsigned-packages=accept-and-flag)");
        }
        return new Checked(document, status, check.algorithm(), check.signerSubject(), List.copyOf(quirks));
    }

    private String document(AxisClient.Pending pending, EdXml edxml, Checked checked, byte[] raw, String requestId) {
        MessageHeader header = edxml.envelope.header.messageHeader;
        String agency = pending.agency();
        if (header.to.stream().noneMatch(o -> o.organId != null && agency.equals(o.organId.strip()))) {
            throw new Refused("Văn bản không gửi tới cơ quan " + agency + " (the package is not addressed to " + agency + ").",
                    checked.document().getDocumentElement());
        }
        String target = properties.deliveryFor(agency);
        String from = header.from.organId.strip();
        String documentId = header.documentId.strip();
        AxisStore.Claim claim = store.claimReceived(from, documentId, agency, pending.id(), Hashes.sha256Hex(raw), target,
                properties.claimLease());
        if (claim == AxisStore.Claim.BUSY) {
            // another instance is delivering it right now: it stays waiting at the axis until that one marks it done
            LOG.debug("Axis message {} for {} is being handled by another instance", pending.id(), agency);
            return "BUSY";
        }
        String quirks = String.join(",", checked.quirks());
        store.recordSignature(from, documentId, agency, checked.algorithm(), quirks);
        boolean[] progress = store.receivedProgress(from, documentId, agency);
        if (!progress[0]) {
            Map<String, Object> headers = new HashMap<>();
            headers.put("AxisDocumentId", documentId);
            headers.put("AxisFrom", from);
            headers.put("AxisTo", agency);
            headers.put("AxisMessageId", pending.id());
            headers.put("AxisSignatureAlgorithm", checked.algorithm() == null ? "none" : checked.algorithm());
            headers.put("AxisQuirks", quirks);
            try {
                producer.sendBodyAndHeaders(target, raw, headers);
            } catch (RuntimeException e) {
                store.releaseReceived(from, documentId, agency);
                throw e;
            }
            store.markDelivered(from, documentId, agency);
        }
        if (!progress[1]) {
            sendStatus(EdXmlPackages.responseFor(header), agency, StatusCode.RECEIVED, "Đã tiếp nhận văn bản.", requestId);
            store.markAcknowledged(from, documentId, agency);
        }
        client.markState(pending.id(), agency, "done", null, requestId);
        return claim == AxisStore.Claim.NEW || !progress[0] ? "RECEIVED" : "DUPLICATE";
    }

    /**
     * A status about a document the province sent, added to its trace. The document is found by the DocumentId the
     * status names, or, when that is empty or unknown, by its sender, number/notation and promulgation date (what a
     * clerk typed into ResponseFor); the status must come from an agency the document was sent to.
     */
    private String status(AxisClient.Pending pending, MessageHeader status, String requestId) {
        ResponseFor about = status.responseFor.get(0);
        String organ = strip(about.organId);
        String documentId = strip(about.documentId);
        SentDocument sent = documentId.isEmpty() ? null : store.findByDocumentId(documentId, organ.isEmpty() ? organOf(documentId) : organ).orElse(null);
        if (sent == null && !organ.isEmpty() && !strip(about.code).isEmpty() && !strip(about.promulgationDate).isEmpty()) {
            sent = store.findByDocumentId(organ + "," + strip(about.promulgationDate) + "," + strip(about.code), organ).orElse(null);
        }
        if (sent == null) {
            throw new Refused("Không có văn bản nào được gửi qua cổng này với mã '" + documentId + "' của cơ quan " + organ
                    + " (no document with this DocumentId was sent through this gateway).");
        }
        String from = strip(status.from.organId);
        if (!sent.toOrgans().contains(from)) {
            throw new Refused("Thông báo đến từ cơ quan " + from + ", nơi văn bản không được gửi tới (the status comes from an agency the document was not sent to).");
        }
        String code = strip(status.statusCode);
        store.addTrace(sent.id(), code, from, status.description == null ? null : status.description.strip(), strip(status.timestamp));
        client.markState(pending.id(), pending.agency(), "done", null, requestId);
        return "STATUS_" + code;
    }

    /**
     * A refused package is answered with status 02 to its sender as the axis names it (or, when the axis names none,
     * as the package claims it): ResponseFor names the sender's own DocumentId, Code and PromulgationDate as far as the
     * package could be read, the Description every problem found. A package whose sender cannot be identified at all
     * is logged with the reason and the axis message id. A refused status is marked failed at the axis.
     */
    private String refuse(AxisClient.Pending pending, Refused refused, String requestId) {
        String reason = refused.getMessage();
        ResponseFor about = aboutOf(refused.root);
        String sender = usableOrgan(pending.from()) ? pending.from().strip() : usableOrgan(about.organId) ? about.organId.strip() : null;
        String outcome = "REFUSED";
        if (AxisClient.TYPE_DOCUMENT.equals(pending.type())) {
            if (sender == null) {
                LOG.warn("Axis message {} for {} refused; its sender cannot be identified (the axis names none, the package "
                        + "neither), so no status 02 can be sent. Reason: {}", pending.id(), pending.agency(), reason);
                outcome = "REFUSED_UNIDENTIFIED";
            } else {
                LOG.warn("Axis message {} from {} for {} refused with status 02: {}", pending.id(), sender, pending.agency(), reason);
                if (strip(about.organId).isEmpty()) {
                    about.organId = sender;
                }
                sendStatus(about, pending.agency(), StatusCode.REFUSED,
                        "Gói tin " + pending.id() + " bị từ chối. " + reason, requestId);
            }
        } else {
            LOG.warn("Axis status message {} for {} refused: {}", pending.id(), pending.agency(), reason);
        }
        client.markState(pending.id(), pending.agency(), "fail", reason, requestId);
        return outcome;
    }

    /** The document as the (refused, so untrusted) package names it, as far as it could be read: only echoed back to its sender. */
    static ResponseFor aboutOf(Element root) {
        ResponseFor about = new ResponseFor();
        Element message = root == null ? null : EdXmlChecks.messageHeader(root);
        if (message == null) {
            return about;
        }
        List<Element> from = EdXmlChecks.children(message, "From");
        about.organId = from.isEmpty() ? null : blankToNull(EdXmlChecks.text(from.get(0), "OrganId"));
        List<Element> code = EdXmlChecks.children(message, "Code");
        if (!code.isEmpty()) {
            String number = EdXmlChecks.text(code.get(0), "CodeNumber");
            String notation = EdXmlChecks.text(code.get(0), "CodeNotation");
            about.code = number.isEmpty() && notation.isEmpty() ? null : number + "/" + notation;
        }
        List<Element> promulgation = EdXmlChecks.children(message, "PromulgationInfo");
        about.promulgationDate = promulgation.isEmpty() ? null : blankToNull(EdXmlChecks.text(promulgation.get(0), "PromulgationDate"));
        about.documentId = blankToNull(EdXmlChecks.text(message, "DocumentId"));
        return about;
    }

    private void sendStatus(ResponseFor about, String agency, StatusCode code, String description, String requestId) {
        Organization from = directory.find(agency).map(EdXmlPackages::organization).orElseGet(() -> {
            Organization o = new Organization();
            o.organId = agency;
            o.organName = agency;
            return o;
        });
        EdXml status = EdXmlPackages.status(clipped(about), from, null, code,
                description.length() > 3900 ? description.substring(0, 3900) : description, ZonedDateTime.now());
        Document document = EdXmlCodec.toDocument(status);
        EdXmlSignatures.sign(document, header(document.getDocumentElement()), identity, properties.signatureUri());
        client.send(EdXmlCodec.toBytes(document), AxisClient.TYPE_STATUS, requestId);
    }

    /** What a refused package claimed, cut to what the schema admits, so that the 02 itself is always a valid package. */
    private static ResponseFor clipped(ResponseFor about) {
        ResponseFor r = new ResponseFor();
        r.organId = about.organId != null && about.organId.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}") ? about.organId.strip() : null;
        r.code = about.code == null ? null : clip(about.code.strip(), 400);
        r.promulgationDate = about.promulgationDate != null && about.promulgationDate.strip().matches("\\d{4}/\\d{2}/\\d{2}")
                ? about.promulgationDate.strip() : null;
        r.documentId = about.documentId == null ? null : clip(about.documentId.strip(), 400);
        return r;
    }

    /**
     * A UTF-8 byte-order mark and white space before the XML are tolerated; so are up to {@value #MAX_LEADING} ASCII
     * digits and blanks (files kept by some senders start with four digits before the XML declaration): they are
     * dropped and recorded as a quirk. Any other stray byte is refused.
     */
    static byte[] withoutLeadingNoise(byte[] raw, List<String> quirks) {
        int start = 0;
        if (raw.length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF) {
            start = 3;
        }
        int digits = 0;
        while (start < raw.length && (isBlank(raw[start]) || (raw[start] >= '0' && raw[start] <= '9'))) {
            if (!isBlank(raw[start])) {
                digits++;
            }
            start++;
        }
        if (start >= raw.length || raw[start] != '<' || start > MAX_LEADING) {
            throw new Refused("Gói tin có các byte lạ trước phần XML (stray bytes before the XML: "
                    + new String(raw, 0, Math.min(16, raw.length), StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?").strip() + "...).");
        }
        if (digits > 0) {
            quirks.add(QUIRK_LEADING_BYTES);
        }
        return start == 0 ? raw : Arrays.copyOfRange(raw, start, raw.length);
    }

    static final int MAX_LEADING = 16;

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static Element header(Element root) {
        for (Element envelope : EdXmlChecks.children(root, "edXMLEnvelope")) {
            for (Element header : EdXmlChecks.children(envelope, "edXMLHeader")) {
                return header;
            }
        }
        return null;
    }

    private static boolean usableOrgan(String code) {
        return code != null && code.strip().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");
    }

    private static String organOf(String documentId) {
        int comma = documentId.indexOf(',');
        return comma > 0 ? documentId.substring(0, comma) : "";
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
