package vn.lienthong.gateway.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.axis.edxml.ResponseFor;

/**
 * Packages and status messages as agencies really write them (golden files written by hand from FORMATS.md,
 * "National document axis"): read tolerant in form (any order, extensions, mixed prefixes, empty ResponseFor,
 * TraceHeader without OrganId, OrganIds of every shape, four digits before the XML declaration, an unnamespaced
 * Signature, RSA-SHA1), strict in trust (every problem named, algorithms and unsigned packages by configuration).
 */
class EdXmlRealLayoutTest {

    static final String DSIG_DECLARATION = " xmlns=\"" + EdXmlNames.DSIG_NS + "\"";

    @BeforeAll
    static void keys() {
        EdXmlSignaturesTest.keys();
    }

    /** The golden file signed as its sender would: into edXMLHeader, with this algorithm and digest. */
    static String signed(String golden, String algorithm, String digest) throws Exception {
        Document d = EdXmlCodec.parse(EdXmlGoldenTest.golden(golden));
        EdXmlSignaturesTest.sign(d, EdXmlSignaturesTest.header(d), "", algorithm, digest);
        return new String(EdXmlCodec.toBytes(d), StandardCharsets.UTF_8);
    }

    /** As most senders write it: the Signature without its XML-DSig namespace declaration. */
    static String withoutDsigNamespace(String xml) {
        String stripped = xml.replace("<Signature" + DSIG_DECLARATION + ">", "<Signature>");
        assertThat(stripped).as("the Signature was written with the default namespace declaration").isNotEqualTo(xml);
        return stripped;
    }

    static AxisInbox inbox() {
        return EdXmlSignaturesTest.inbox(EdXmlSignaturesTest.properties("refuse", "rsa-sha1", "rsa-sha256"));
    }

    @Test
    void aRealPackageSignedRsaSha1WithAnUnnamespacedSignatureAndDigitsBeforeTheXmlIsAcceptedAndReadByName() throws Exception {
        String xml = withoutDsigNamespace(signed("real-default-namespace.xml", EdXmlSignatures.RSA_SHA1, DigestMethod.SHA1));
        byte[] raw = ("1234" + xml).getBytes(StandardCharsets.UTF_8);

        AxisInbox.Checked checked = inbox().check(raw, AxisClient.TYPE_DOCUMENT);

        // the Signature really was in edXML's namespace as received
        Document asReceived = EdXmlCodec.parse(xml.getBytes(StandardCharsets.UTF_8));
        assertThat(asReceived.getElementsByTagNameNS(EdXmlNames.NS, "Signature").getLength()).isEqualTo(1);
        assertThat(checked.algorithm()).isEqualTo(EdXmlSignatures.RSA_SHA1);
        assertThat(checked.quirks()).containsExactlyInAnyOrder(AxisInbox.QUIRK_LEADING_BYTES, EdXmlSignatures.QUIRK_SIGNATURE_NAMESPACE);
        assertThat(checked.status()).isFalse();

        EdXml edxml = EdXmlCodec.read(checked.document().getDocumentElement(), EdXml.class);
        var h = edxml.envelope.header.messageHeader;
        assertThat(h.from.organId).isEqualTo("020100107370");
        assertThat(h.from.organizationInCharge).isEqualTo("Ủy ban nhân dân thành phố");
        assertThat(h.from.fax).isEqualTo("0236 3846 001");
        assertThat(h.to).extracting(o -> o.organId).containsExactly("000.00.12.H41", "G12");
        assertThat(h.code.codeNumber + "/" + h.code.codeNotation).isEqualTo("1581/UBND-TP");
        assertThat(h.documentType.typeDetail).isZero();
        assertThat(h.toPlaces.place).containsExactly("Như trên", "Lưu: VT");
        assertThat(h.otherInfo.sphereOfPromulgation).isEqualTo("Liên thông văn bản quốc gia");
        assertThat(h.otherInfo.typerNotation).isEqualTo("VT");
        assertThat(h.otherInfo.promulgationAmount).isEqualTo(1);
        assertThat(h.otherInfo.direction).isFalse();
        assertThat(h.responseFor).hasSize(1);
        assertThat(h.responseFor.get(0).documentId).isEmpty();
        var traces = edxml.envelope.header.traceHeaderList;
        assertThat(traces.traceHeader).extracting(t -> t.organId).containsExactly("020100107370", "vxp.saas.03", null);
        assertThat(traces.bussiness.staffInfo.staff).isEqualTo("Trần Văn Bình");
        // the manifest inside the envelope, the unprefixed attachments after it
        assertThat(edxml.envelope.body.manifest.version).isEqualTo("1.0");
        assertThat(edxml.envelope.body.manifest.reference).extracting(r -> r.contentId).containsExactly("cid:a1b2c3d4-0001");
        assertThat(new String(edxml.attachments.attachment.get(0).contentTransferEncoded, StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4");
    }

    @Test
    void aPrefixedPackageSignedRsaSha256WithASignatureInNoNamespaceIsAccepted() throws Exception {
        // under a root without a default namespace, an undeclared Signature is in no namespace at all
        String xml = withoutDsigNamespace(signed("document-cong-van.xml", SignatureMethod.RSA_SHA256, DigestMethod.SHA256));
        AxisInbox.Checked checked = inbox().check(xml.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT);
        assertThat(checked.algorithm()).isEqualTo(SignatureMethod.RSA_SHA256);
        assertThat(checked.quirks()).containsExactly(EdXmlSignatures.QUIRK_SIGNATURE_NAMESPACE);
    }

    @Test
    void anUnnamespacedSignatureOverAlteredContentIsStillRefused() throws Exception {
        String xml = withoutDsigNamespace(signed("real-default-namespace.xml", EdXmlSignatures.RSA_SHA1, DigestMethod.SHA1))
                .replace("V/v phối hợp rà soát", "V/v chuyển tiền gấp");
        assertThatThrownBy(() -> inbox().check(xml.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT))
                .hasMessageContaining("altered");
    }

    @Test
    void aSecondUnnamespacedSignatureIsRefused() throws Exception {
        String xml = signed("real-default-namespace.xml", SignatureMethod.RSA_SHA256, DigestMethod.SHA256)
                .replace("</edXML:edXMLManifest>", "</edXML:edXMLManifest><Signature><SignedInfo/></Signature>");
        assertThatThrownBy(() -> inbox().check(xml.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT))
                .hasMessageContaining("2 signatures");
    }

    @Test
    void whichAlgorithmsAreAcceptedIsConfiguration() throws Exception {
        String sha1 = signed("real-default-namespace.xml", EdXmlSignatures.RSA_SHA1, DigestMethod.SHA1);
        AxisInbox strict = EdXmlSignaturesTest.inbox(EdXmlSignaturesTest.properties("refuse", "rsa-sha256"));
        assertThatThrownBy(() -> strict.check(sha1.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT))
                .hasMessageContaining("rsa-sha1").hasMessageContaining("không được chấp nhận");
        // and the gateway signs with SHA-256 where it is accepted, SHA-1 where only that is
        assertThat(EdXmlSignaturesTest.properties("refuse", "rsa-sha1", "rsa-sha256").signatureUri()).isEqualTo(SignatureMethod.RSA_SHA256);
        assertThat(EdXmlSignaturesTest.properties("refuse", "rsa-sha1").signatureUri()).isEqualTo(EdXmlSignatures.RSA_SHA1);
        assertThatThrownBy(() -> EdXmlSignaturesTest.properties("refuse", "md5")).hasMessageContaining("md5");
    }

    @Test
    void unsignedPackagesAreRefusedByDefaultOrAcceptedAndFlagged() throws Exception {
        byte[] unsigned = EdXmlGoldenTest.golden("real-default-namespace.xml");
        assertThatThrownBy(() -> inbox().check(unsigned, AxisClient.TYPE_DOCUMENT)).hasMessageContaining("not signed");
        AxisInbox lenient = EdXmlSignaturesTest.inbox(EdXmlSignaturesTest.properties("accept-and-flag", "rsa-sha1", "rsa-sha256"));
        AxisInbox.Checked checked = lenient.check(unsigned, AxisClient.TYPE_DOCUMENT);
        assertThat(checked.quirks()).containsExactly(AxisInbox.QUIRK_UNSIGNED);
        assertThat(checked.algorithm()).isNull();
    }

    @Test
    void aRefusalNamesEveryProblemInVietnameseAndTheSendersOwnDocument() throws Exception {
        String xml = signed("real-default-namespace.xml", SignatureMethod.RSA_SHA256, DigestMethod.SHA256)
                .replace("<edXML:Priority>0</edXML:Priority>", "<edXML:Priority>khẩn</edXML:Priority>")
                .replace("<edXML:SteeringType>0</edXML:SteeringType>", "<edXML:DueDate>30-11-2026</edXML:DueDate>")
                .replaceAll("<edXML:Subject>[^<]*</edXML:Subject>", "");
        AxisInbox.Refused refused = (AxisInbox.Refused) org.assertj.core.api.Assertions.catchThrowable(
                () -> inbox().check(xml.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT));
        assertThat(refused.getMessage())
                .startsWith("Gói tin có 4 lỗi: ")
                .contains("Trường MessageHeader/OtherInfo/Priority (độ khẩn): giá trị 'khẩn' phải là một số nguyên.")
                .contains("Trường MessageHeader/DueDate (hạn xử lý): giá trị '30-11-2026' phải là ngày theo dạng năm/tháng/ngày (yyyy/MM/dd)")
                .contains("Thiếu Subject (trích yếu) trong MessageHeader.")
                .contains("văn bản hoặc chữ ký đã bị sửa đổi");
        ResponseFor about = AxisInbox.aboutOf(refused.root);
        assertThat(about.organId).isEqualTo("020100107370");
        assertThat(about.documentId).isEqualTo("020100107370,2026/11/18,1581/UBND-TP");
        assertThat(about.code).isEqualTo("1581/UBND-TP");
        assertThat(about.promulgationDate).isEqualTo("2026/11/18");
    }

    @Test
    void theInventedLayoutWithTheBodyBesideTheEnvelopeIsRefusedAndSaysWhere() throws Exception {
        String xml = new String(EdXmlGoldenTest.golden("document-cong-van.xml"), StandardCharsets.UTF_8);
        String body = xml.substring(xml.indexOf("<edXML:edXMLBody>"), xml.indexOf("</edXML:edXMLBody>") + "</edXML:edXMLBody>".length());
        String invented = xml.replace(body, "").replace("</edXML:edXMLEnvelope>", "</edXML:edXMLEnvelope>" + body);
        Document d = EdXmlCodec.parse(invented.getBytes(StandardCharsets.UTF_8));
        EdXmlSignaturesTest.sign(d, EdXmlSignaturesTest.header(d), "", SignatureMethod.RSA_SHA256, DigestMethod.SHA256);
        assertThatThrownBy(() -> inbox().check(EdXmlCodec.toBytes(d), AxisClient.TYPE_DOCUMENT))
                .hasMessageContaining("edXMLBody nằm ngoài edXMLEnvelope");
    }

    @Test
    void strayBytesBeyondAFewDigitsAreRefused() {
        byte[] xml = "<edXML/>".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> AxisInbox.withoutLeadingNoise(("12345678901234567" + "<edXML/>").getBytes(StandardCharsets.US_ASCII),
                new java.util.ArrayList<>())).hasMessageContaining("stray bytes");
        assertThatThrownBy(() -> AxisInbox.withoutLeadingNoise(("PK\u0003\u0004" + "<edXML/>").getBytes(StandardCharsets.ISO_8859_1),
                new java.util.ArrayList<>())).hasMessageContaining("stray bytes");
        java.util.List<String> quirks = new java.util.ArrayList<>();
        assertThat(AxisInbox.withoutLeadingNoise(("0042\r\n" + "<edXML/>").getBytes(StandardCharsets.US_ASCII), quirks)).isEqualTo(xml);
        assertThat(quirks).containsExactly(AxisInbox.QUIRK_LEADING_BYTES);
    }

    @Test
    void aRealStatusMessageInAnyOrderUnprefixedIsReadAsAStatus() throws Exception {
        Document d = EdXmlCodec.parse(EdXmlGoldenTest.golden("real-status-unprefixed.xml"));
        Element header = EdXmlSignaturesTest.header(d);
        EdXmlSignaturesTest.sign(d, header, "", EdXmlSignatures.RSA_SHA1, DigestMethod.SHA1);
        String xml = withoutDsigNamespace(new String(EdXmlCodec.toBytes(d), StandardCharsets.UTF_8));
        AxisInbox.Checked checked = inbox().check(xml.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_STATUS);
        assertThat(checked.status()).isTrue();
        var status = EdXmlCodec.read(checked.document().getDocumentElement(), EdXml.class).envelope.header.messageHeader;
        assertThat(status.statusCode).isEqualTo("05");
        assertThat(status.from.organId).isEqualTo("G12");
        assertThat(status.staffInfo.department).isEqualTo("Văn phòng Bộ");
        assertThat(status.responseFor.get(0).code).isEqualTo("125/STP-HCTP");
        // the axis calling it a document does not make it one
        assertThatThrownBy(() -> inbox().check(xml.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT))
                .hasMessageContaining("a status message, not a document package");
    }
}
