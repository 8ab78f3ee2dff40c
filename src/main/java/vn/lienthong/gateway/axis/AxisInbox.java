package vn.lienthong.gateway.axis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.axis.edxml.MessageHeader;
import vn.lienthong.gateway.axis.edxml.Organization;
import vn.lienthong.gateway.axis.edxml.Status;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.Hashes;
import vn.lienthong.gateway.crypto.SigningIdentity;
import vn.lienthong.gateway.security.messagelog.MessageLog;
import vn.lienthong.gateway.security.messagelog.MessageLogEntry;
import vn.lienthong.gateway.xml.XmlRejectedException;

/**
 * What arrives for the province over the axis (routes/document-axis.camel.yaml, routes axis-poll and
 * axis-receive). A package is accepted only when, in this order: nothing but a BOM or white space
 * precedes the XML; it parses without DOCTYPE; its root is what the axis said; it follows the edXML
 * schema; its one signature is valid, covers the whole package and comes from a certificate that
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

    /** A package or status the checks refused, with the sentence that goes into status 02. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
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
        try {
            Document document = check(raw, pending.type());
            outcome = AxisClient.TYPE_DOCUMENT.equals(pending.type())
                    ? document(pending, EdXmlCodec.read(document.getDocumentElement(), EdXml.class), raw, requestId)
                    : status(pending, EdXmlCodec.read(document.getDocumentElement(), Status.class), requestId);
        } catch (Refused refused) {
            outcome = "REFUSED";
            refuse(pending, raw, refused.getMessage(), requestId);
        }
        messageLog.append(MessageLogEntry.inbound(requestId).partner(SYSTEM).service("axis.receive." + pending.type())
                .started(started).requestBody(raw).outcome(outcome).build());
    }

    /** The checks, in order; returns the verified document, whose document element is what was signed. */
    Document check(byte[] raw, String type) {
        byte[] xml = withoutLeadingNoise(raw);
        Document document;
        try {
            document = EdXmlCodec.parse(xml);
        } catch (XmlRejectedException e) {
            throw new Refused("The package is not well-formed XML, or carries a DOCTYPE (refused): " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        String expected = AxisClient.TYPE_DOCUMENT.equals(type) ? "edXML" : "Status";
        if (!EdXmlNames.NS.equals(root.getNamespaceURI()) || !expected.equals(root.getLocalName())) {
            throw new Refused("The message is not an edXML " + expected + " (root {" + root.getNamespaceURI() + "}" + root.getLocalName() + ").");
        }
        try {
            EdXmlCodec.validate(document);
        } catch (XmlRejectedException e) {
            throw new Refused(e.getMessage());
        }
        Element parent = "edXML".equals(expected) ? child(child(root, "edXMLEnvelope"), "edXMLHeader") : root;
        EdXmlSignatures.Check check = EdXmlSignatures.verify(document, parent, trust);
        if (!check.valid()) {
            throw new Refused(check.reason());
        }
        if (EdXmlSignatures.RSA_SHA1.equals(check.algorithm())) {
            LOG.warn("An edXML message signed with RSA-SHA1 (an older sender, {}) was accepted for reading", check.signerSubject());
        }
        return document;
    }

    private String document(AxisClient.Pending pending, EdXml edxml, byte[] raw, String requestId) {
        MessageHeader header = edxml.envelope.header.messageHeader;
        String agency = pending.agency();
        if (header.to.stream().noneMatch(o -> agency.equals(o.organId))) {
            throw new Refused("The package is not addressed to " + agency + ".");
        }
        String target = properties.deliveryFor(agency);
        String from = header.from.organId;
        AxisStore.Claim claim = store.claimReceived(from, header.documentId, agency, pending.id(), Hashes.sha256Hex(raw), target,
                properties.claimLease());
        if (claim == AxisStore.Claim.BUSY) {
            // another instance is delivering it right now: it stays waiting at the axis until that one marks it done
            LOG.debug("Axis message {} for {} is being handled by another instance", pending.id(), agency);
            return "BUSY";
        }
        boolean[] progress = store.receivedProgress(from, header.documentId, agency);
        if (!progress[0]) {
            try {
                producer.sendBodyAndHeaders(target, raw, Map.of("AxisDocumentId", header.documentId,
                        "AxisFrom", from, "AxisTo", agency, "AxisMessageId", pending.id()));
            } catch (RuntimeException e) {
                store.releaseReceived(from, header.documentId, agency);
                throw e;
            }
            store.markDelivered(from, header.documentId, agency);
        }
        if (!progress[1]) {
            sendStatus(header, null, null, agency, StatusCode.RECEIVED, "Đã tiếp nhận văn bản (received).", requestId);
            store.markAcknowledged(from, header.documentId, agency);
        }
        client.markState(pending.id(), agency, "done", null, requestId);
        return claim == AxisStore.Claim.NEW || !progress[0] ? "RECEIVED" : "DUPLICATE";
    }

    private String status(AxisClient.Pending pending, Status status, String requestId) {
        SentDocument sent = store.findByDocumentId(status.responseFor.documentId, status.responseFor.organId).orElse(null);
        if (sent == null) {
            throw new Refused("No document with DocumentId '" + status.responseFor.documentId + "' was sent by "
                    + status.responseFor.organId + " through this gateway.");
        }
        if (!sent.toOrgans().contains(status.from.organId)) {
            throw new Refused("The status comes from " + status.from.organId + ", which the document was not sent to.");
        }
        store.addTrace(sent.id(), status.statusCode, status.from.organId, status.description, status.timestamp);
        client.markState(pending.id(), pending.agency(), "done", null, requestId);
        return "STATUS_" + status.statusCode;
    }

    private void refuse(AxisClient.Pending pending, byte[] raw, String reason, String requestId) {
        LOG.warn("Axis message {} for {} refused: {}", pending.id(), pending.agency(), reason);
        if (AxisClient.TYPE_DOCUMENT.equals(pending.type()) && pending.from() != null && pending.from().matches("[A-Z0-9.]{5,40}")) {
            // the sender as the axis names it: a refused package's own header is not trusted
            sendStatus(null, pending.from(), "axis:" + pending.id(), pending.agency(), StatusCode.REFUSED, reason, requestId);
        }
        client.markState(pending.id(), pending.agency(), "fail", reason, requestId);
    }

    private void sendStatus(MessageHeader about, String sender, String documentId, String agency, StatusCode code,
                            String description, String requestId) {
        Organization from = directory.find(agency).map(EdXmlPackages::organization).orElseGet(() -> {
            Organization o = new Organization();
            o.organId = agency;
            o.organName = agency;
            return o;
        });
        Status status = EdXmlPackages.status(about, sender, documentId, from, code,
                description.length() > 3900 ? description.substring(0, 3900) : description, ZonedDateTime.now());
        Document document = EdXmlCodec.toDocument(status);
        EdXmlSignatures.sign(document, document.getDocumentElement(), identity);
        client.send(EdXmlCodec.toBytes(document), AxisClient.TYPE_STATUS, requestId);
    }

    /** A UTF-8 byte-order mark and white space before the XML are tolerated; any other stray byte is refused. */
    static byte[] withoutLeadingNoise(byte[] raw) {
        int start = 0;
        if (raw.length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF) {
            start = 3;
        }
        while (start < raw.length && (raw[start] == ' ' || raw[start] == '\t' || raw[start] == '\r' || raw[start] == '\n')) {
            start++;
        }
        if (start >= raw.length || raw[start] != '<') {
            throw new Refused("The package has stray bytes before the XML ("
                    + new String(raw, start, Math.min(16, Math.max(0, raw.length - start)), StandardCharsets.ISO_8859_1).strip() + "...).");
        }
        return start == 0 ? raw : Arrays.copyOfRange(raw, start, raw.length);
    }

    private static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && EdXmlNames.NS.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new Refused("The package has no " + localName + ".");
    }
}
