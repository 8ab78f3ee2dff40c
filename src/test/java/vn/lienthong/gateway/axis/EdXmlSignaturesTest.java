package vn.lienthong.gateway.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.lienthong.gateway.axis.edxml.EdXml;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.SigningIdentity;
import vn.lienthong.gateway.crypto.TestCa;

/** XML-DSig of edXML: what verifies, and every way a package is refused (tampering, untrusted signer, wrapping). */
class EdXmlSignaturesTest {

    static TestCa ca;
    static SigningIdentity signer;
    static CmsVerifier trust;

    @BeforeAll
    static void keys() {
        ca = TestCa.create("Test CA for edXML");
        signer = ca.signer("Sở Tư pháp");
        trust = ca.verifier();
    }

    static Document unsignedPackage() throws Exception {
        Document golden = EdXmlCodec.parse(EdXmlGoldenTest.golden("document-cong-van.xml"));
        return EdXmlCodec.toDocument(EdXmlCodec.read(golden.getDocumentElement(), EdXml.class));
    }

    static Element header(Document d) {
        return (Element) d.getElementsByTagNameNS(EdXmlNames.NS, "edXMLHeader").item(0);
    }

    static Document reparse(Document d) {
        return EdXmlCodec.parse(EdXmlCodec.toBytes(d));
    }

    static Element subject(Document d) {
        return subject(d.getDocumentElement());
    }

    static Element subject(Element scope) {
        return (Element) scope.getElementsByTagNameNS(EdXmlNames.NS, "Subject").item(0);
    }

    @Test
    void aPackageSignedByTheGatewayVerifiesAndFollowsTheSchema() throws Exception {
        Document d = unsignedPackage();
        EdXmlSignatures.sign(d, header(d), signer);
        Document received = reparse(d);
        EdXmlCodec.validate(received);
        EdXmlSignatures.Check check = EdXmlSignatures.verify(received, header(received), trust);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.algorithm()).isEqualTo(SignatureMethod.RSA_SHA256);
        assertThat(check.signerSubject()).contains("Sở Tư pháp");
        Element signature = (Element) received.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature").item(0);
        assertThat(signature.getPrefix()).as("no namespace prefix on Signature, as packages in practice").isNull();
    }

    @Test
    void aChangedSubjectIsRefused() throws Exception {
        Document d = unsignedPackage();
        EdXmlSignatures.sign(d, header(d), signer);
        Document received = reparse(d);
        subject(received).setTextContent("V/v nội dung đã bị sửa");
        EdXmlSignatures.Check check = EdXmlSignatures.verify(received, header(received), trust);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains("altered");
    }

    @Test
    void aSignerFromAnUntrustedCaIsRefused() throws Exception {
        SigningIdentity stranger = TestCa.create("Some other CA").signer("Mạo danh");
        Document d = unsignedPackage();
        EdXmlSignatures.sign(d, header(d), stranger);
        Document received = reparse(d);
        EdXmlSignatures.Check check = EdXmlSignatures.verify(received, header(received), trust);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains("trusted CA");
    }

    @Test
    void aSignatureByIdOverThePackageItselfVerifies() throws Exception {
        Document d = unsignedPackage();
        d.getDocumentElement().setAttribute("Id", "pkg-1");
        d.getDocumentElement().setIdAttribute("Id", true);
        signByReference(d, header(d), "#pkg-1");
        Document received = reparse(d);
        EdXmlCodec.validate(received);
        EdXmlSignatures.Check check = EdXmlSignatures.verify(received, header(received), trust);
        assertThat(check.valid()).as(check.reason()).isTrue();
    }

    /**
     * Wrapping: the signed package (Id pkg-1) is moved inside a forged package whose header keeps the
     * genuine signature. The signature itself is still cryptographically valid; the forged root is what a
     * naive reader would use. Refused because the signed element is not the document element.
     */
    @Test
    void aSignatureWrappedAroundAForgedPackageIsRefused() throws Exception {
        Document genuine = unsignedPackage();
        genuine.getDocumentElement().setAttribute("Id", "pkg-1");
        genuine.getDocumentElement().setIdAttribute("Id", true);
        signByReference(genuine, header(genuine), "#pkg-1");

        Document forged = reparse(genuine);
        Element original = forged.getDocumentElement();
        Element signature = (Element) forged.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature").item(0);
        Element fake = (Element) original.cloneNode(true);
        fake.removeAttribute("Id");
        subject(fake).setTextContent("Đề nghị chuyển khoản gấp");
        // the forged root carries the genuine signature; the genuine package hides under it
        Element fakeHeader = (Element) fake.getElementsByTagNameNS(EdXmlNames.NS, "edXMLHeader").item(0);
        Node copiedSignature = fake.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature").item(0);
        fakeHeader.replaceChild(signature.cloneNode(true), copiedSignature);
        original.getParentNode().replaceChild(fake, original);
        Element genuineSignature = (Element) original.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature").item(0);
        genuineSignature.getParentNode().removeChild(genuineSignature);
        fake.appendChild(original);

        Document received = reparse(forged);
        EdXmlSignatures.Check check = EdXmlSignatures.verify(received, header(received), trust);
        assertThat(check.valid()).isFalse();
        assertThat(check.reason()).contains("signature wrapping");

        // the same with the forged root claiming the signed ID too: two carriers, refused
        Document twice = reparse(forged);
        twice.getDocumentElement().setAttribute("Id", "pkg-1");
        Document received2 = reparse(twice);
        EdXmlSignatures.Check check2 = EdXmlSignatures.verify(received2, header(received2), trust);
        assertThat(check2.valid()).isFalse();
        assertThat(check2.reason()).contains("2 elements");
    }

    @Test
    void aSignatureOutsideTheHeaderOrASecondSignatureIsRefused() throws Exception {
        Document d = unsignedPackage();
        EdXmlSignatures.sign(d, header(d), signer);
        Document received = reparse(d);
        Element body = (Element) received.getElementsByTagNameNS(EdXmlNames.NS, "edXMLBody").item(0);
        assertThat(EdXmlSignatures.verify(received, body, trust).reason()).contains("not where");

        Element signature = (Element) received.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature").item(0);
        body.appendChild(signature.cloneNode(true));
        assertThat(EdXmlSignatures.verify(received, header(received), trust).reason()).contains("2 signatures");
    }

    @Test
    void anOlderRsaSha1PackageIsAcceptedForReadingButAnMd5DigestIsNot() throws Exception {
        Document d = unsignedPackage();
        sign(d, header(d), "", "http://www.w3.org/2000/09/xmldsig#rsa-sha1", DigestMethod.SHA1);
        Document received = reparse(d);
        EdXmlSignatures.Check check = EdXmlSignatures.verify(received, header(received), trust);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.algorithm()).isEqualTo(EdXmlSignatures.RSA_SHA1);

        subject(received).setTextContent("sửa đổi");
        assertThat(EdXmlSignatures.verify(received, header(received), trust).valid()).isFalse();

        Document md5 = unsignedPackage();
        sign(md5, header(md5), "", "http://www.w3.org/2000/09/xmldsig#rsa-sha1", DigestMethod.SHA256);
        Element digest = (Element) md5.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "DigestMethod").item(0);
        digest.setAttribute("Algorithm", "http://www.w3.org/2001/04/xmldsig-more#md5");
        Document receivedMd5 = reparse(md5);
        assertThat(EdXmlSignatures.verify(receivedMd5, header(receivedMd5), trust).reason()).containsIgnoringCase("digest");
    }

    @Test
    void anUnsignedPackageIsRefused() throws Exception {
        Document d = unsignedPackage();
        assertThat(EdXmlSignatures.verify(d, header(d), trust).reason()).contains("not signed");
    }

    @Test
    void theInboxChecksRefuseDoctypeStrayBytesAndSchemaViolationsButTolerateABom() throws Exception {
        AxisInbox inbox = inbox(properties("refuse", "rsa-sha1", "rsa-sha256"));
        Document d = unsignedPackage();
        EdXmlSignatures.sign(d, header(d), signer);
        byte[] signed = EdXmlCodec.toBytes(d);

        byte[] withBom = new byte[signed.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(signed, 0, withBom, 3, signed.length);
        assertThat(inbox.check(withBom, AxisClient.TYPE_DOCUMENT).document().getDocumentElement().getLocalName()).isEqualTo("edXML");

        byte[] stray = ("garbage" + new String(signed, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> inbox.check(stray, AxisClient.TYPE_DOCUMENT)).hasMessageContaining("stray bytes");

        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<edXML:edXML xmlns:edXML=\"" + EdXmlNames.NS + "\">&x;</edXML:edXML>";
        assertThatThrownBy(() -> inbox.check(xxe.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT))
                .hasMessageContaining("DOCTYPE");

        String badDate = new String(signed, StandardCharsets.UTF_8).replace("<edXML:DueDate>2026/12/05</edXML:DueDate>",
                "<edXML:DueDate>05-12-2026</edXML:DueDate>");
        assertThatThrownBy(() -> inbox.check(badDate.getBytes(StandardCharsets.UTF_8), AxisClient.TYPE_DOCUMENT))
                .hasMessageContaining("MessageHeader/DueDate").hasMessageContaining("yyyy/MM/dd");

        assertThatThrownBy(() -> inbox.check(signed, AxisClient.TYPE_STATUS)).hasMessageContaining("not an edXML status message");
    }

    static AxisProperties properties(String unsigned, String... accepted) {
        return new AxisProperties(List.of("000.00.12.H41"), java.util.Map.of(), java.time.Duration.ofMinutes(10), 10_000_000,
                java.time.Duration.ofMinutes(2), List.of(accepted), "", unsigned);
    }

    static AxisInbox inbox(AxisProperties properties) {
        return new AxisInbox(null, null, null, properties, trust, signer, null, null);
    }

    /** Signs with one Reference to {@code uri}, enveloped + C14N, as some senders do (by ID). */
    static void signByReference(Document d, Element parent, String uri) throws Exception {
        signByReferenceWith(d, parent, uri, signer);
    }

    static void signByReferenceWith(Document d, Element parent, String uri, SigningIdentity signer) throws Exception {
        sign(d, parent, uri, SignatureMethod.RSA_SHA256, DigestMethod.SHA256, signer);
    }

    static void sign(Document d, Element parent, String uri, String signatureMethod, String digestMethod) throws Exception {
        sign(d, parent, uri, signatureMethod, digestMethod, signer);
    }

    static void sign(Document d, Element parent, String uri, String signatureMethod, String digestMethod, SigningIdentity signer)
            throws Exception {
        XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
        Reference ref = f.newReference(uri, f.newDigestMethod(digestMethod, null),
                List.of(f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        f.newTransform(CanonicalizationMethod.INCLUSIVE, (TransformParameterSpec) null)), null, null);
        var si = f.newSignedInfo(f.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                f.newSignatureMethod(signatureMethod, null), List.of(ref));
        KeyInfoFactory kif = f.getKeyInfoFactory();
        List<Object> x509 = new ArrayList<>(signer.chain());
        f.newXMLSignature(si, kif.newKeyInfo(List.of(kif.newX509Data(x509)))).sign(new DOMSignContext(signer.privateKey(), parent));
    }
}
