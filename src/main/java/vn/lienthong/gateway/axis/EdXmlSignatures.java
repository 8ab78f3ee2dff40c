package vn.lienthong.gateway.axis;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.crypto.AlgorithmMethod;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.KeySelectorException;
import javax.xml.crypto.KeySelectorResult;
import javax.xml.crypto.XMLCryptoContext;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.keyinfo.X509Data;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.SignatureCheck;
import vn.lienthong.gateway.crypto.SigningIdentity;

/**
 * XML-DSig of edXML packages and status messages, with the JDK's {@code javax.xml.crypto.dsig}.
 * <p>
 * <b>Signing</b>: the configured algorithm (RSA-SHA256 by default, RSA-SHA1 for an axis that accepts only that), one Reference {@code URI=""} (the whole document) with the
 * enveloped-signature transform and inclusive C14N, KeyInfo with the subject name and the chain.
 * <p>
 * <b>Verifying</b> refuses anything it cannot tie to the document it will use (signature wrapping):
 * exactly one Signature in the whole document, where the format puts it; exactly one Reference;
 * that Reference is either {@code ""} or {@code #id} where exactly one element of the document
 * carries that ID and that element is the document element; only enveloped and C14N transforms;
 * no {@code Object}s. The ID is resolved here and registered on that very node, so the JDK's
 * dereferencer digests the node the caller then reads. Secure validation is on, except for an older
 * RSA-SHA1 package (accepted for reading), whose limits are then checked here. The signer's
 * certificate must chain to a trusted CA ({@link CmsVerifier#checkSigner}).
 */
public final class EdXmlSignatures {

    /** RSA-SHA1 with SHA-1 digests: what most senders on the axis sign with today. */
    public static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
    public static final String RSA_SHA256 = SignatureMethod.RSA_SHA256;
    public static final String RSA_SHA512 = SignatureMethod.RSA_SHA512;

    /** The names used in configuration ({@code gateway.axis.*signature-algorithm*}) and their XML-DSig URIs. */
    public static final Map<String, String> ALGORITHMS = Map.of("rsa-sha1", RSA_SHA1, "rsa-sha256", RSA_SHA256, "rsa-sha512", RSA_SHA512);

    /** Quirk: the Signature was written without the XML-DSig namespace declaration (so it is in edXML's namespace, or none). */
    public static final String QUIRK_SIGNATURE_NAMESPACE = "SIGNATURE_WITHOUT_XMLDSIG_NAMESPACE";

    /**
     * What verification found; {@code reason} is a sentence fit for a status 02 Description (Vietnamese, then the
     * English for the operator); {@code unsigned} when the package carries no signature at all; {@code quirks}
     * what the sender wrote differently from the standard and was accepted.
     */
    public record Check(boolean valid, String reason, String signerSubject, String algorithm, boolean unsigned, List<String> quirks) {
        static Check refused(String reason) {
            return new Check(false, reason, null, null, false, List.of());
        }
    }

    /** The XML-DSig URI of a configured algorithm name (rsa-sha1, rsa-sha256, rsa-sha512) or URI. */
    public static String algorithmUri(String nameOrUri) {
        String uri = ALGORITHMS.getOrDefault(nameOrUri.strip().toLowerCase(java.util.Locale.ROOT), nameOrUri.strip());
        if (!ALGORITHMS.containsValue(uri)) {
            throw new IllegalArgumentException("Unknown edXML signature algorithm '" + nameOrUri + "' (rsa-sha1, rsa-sha256, rsa-sha512)");
        }
        return uri;
    }

    private static final XMLSignatureFactory FACTORY = XMLSignatureFactory.getInstance("DOM");

    private EdXmlSignatures() {
    }

    /** Signs the whole document with RSA-SHA256, appending the Signature as the last child of {@code parent}. */
    public static void sign(Document document, Element parent, SigningIdentity identity) {
        sign(document, parent, identity, RSA_SHA256);
    }

    /**
     * Signs the whole document, appending the Signature as the last child of {@code parent}, with this signature
     * algorithm (a URI of {@link #ALGORITHMS}) and the digest that goes with it (SHA-1 for RSA-SHA1, as the axis's
     * SDKs write it; SHA-256 otherwise).
     */
    public static void sign(Document document, Element parent, SigningIdentity identity, String algorithm) {
        try {
            String digest = RSA_SHA1.equals(algorithm) ? DigestMethod.SHA1 : RSA_SHA512.equals(algorithm) ? DigestMethod.SHA512 : DigestMethod.SHA256;
            Reference reference = FACTORY.newReference("",
                    FACTORY.newDigestMethod(digest, null),
                    List.of(FACTORY.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            FACTORY.newTransform(CanonicalizationMethod.INCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = FACTORY.newSignedInfo(
                    FACTORY.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                    FACTORY.newSignatureMethod(algorithm, null),
                    List.of(reference));
            KeyInfoFactory keyInfos = FACTORY.getKeyInfoFactory();
            List<Object> x509 = new ArrayList<>();
            x509.add(identity.certificate().getSubjectX500Principal().getName());
            x509.addAll(identity.chain());
            KeyInfo keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newX509Data(x509)));
            DOMSignContext context = new DOMSignContext(identity.privateKey(), parent);
            FACTORY.newXMLSignature(signedInfo, keyInfo).sign(context);
        } catch (Exception e) {
            throw new IllegalStateException("The edXML document could not be signed: " + e.getMessage(), e);
        }
    }

    /** Verifies with RSA-SHA256 and RSA-SHA1 accepted. */
    public static Check verify(Document document, Element expectedParent, CmsVerifier trust) {
        return verify(document, expectedParent, trust, Set.of(RSA_SHA1, RSA_SHA256));
    }

    /**
     * Verifies the document's signature, which must be a child of {@code expectedParent}, signed with one of the
     * {@code accepted} algorithms (URIs). On success the document element is exactly what was signed.
     * <p>
     * A Signature written without the XML-DSig namespace declaration (as most senders on the axis write it: under
     * a root whose default namespace is edXML's, so that it lands in edXML's namespace) is verified as the signer
     * made it: the Signature and its descendants in that namespace are taken into the XML-DSig namespace, with the
     * declaration the signer's library wrote, before anything is checked (the quirk is recorded in the result). The
     * enveloped transform removes the Signature from what is digested, so only the SignedInfo's canonical form
     * depends on it. The rules below then apply to it as to any signature.
     */
    public static Check verify(Document document, Element expectedParent, CmsVerifier trust, Set<String> accepted) {
        List<Element> signatures = signatures(document);
        if (signatures.isEmpty()) {
            return new Check(false, "Văn bản không có chữ ký số (the package is not signed).", null, null, true, List.of());
        }
        if (signatures.size() > 1) {
            return Check.refused("Gói tin có " + signatures.size() + " chữ ký số; chỉ chấp nhận đúng một (the package carries "
                    + signatures.size() + " signatures; exactly one is accepted).");
        }
        Element signature = signatures.get(0);
        List<String> quirks = new ArrayList<>();
        if (!EdXmlNames.DSIG_NS.equals(signature.getNamespaceURI())) {
            signature = intoDsigNamespace(document, signature);
            quirks.add(QUIRK_SIGNATURE_NAMESPACE);
        }
        if (expectedParent == null || signature.getParentNode() != expectedParent) {
            return Check.refused("Chữ ký số không nằm ở vị trí chuẩn edXML quy định, trong edXMLHeader (the signature is not where the edXML format puts it).");
        }
        if (signature.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Object").getLength() > 0) {
            return Check.refused("Chữ ký số chứa phần ds:Object, không được chấp nhận (the signature carries ds:Object content, which is not accepted).");
        }
        NodeList references = signature.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Reference");
        if (references.getLength() != 1) {
            return Check.refused("Chữ ký số có " + references.getLength() + " tham chiếu; chỉ chấp nhận một tham chiếu tới toàn bộ gói tin (the signature has "
                    + references.getLength() + " references; exactly one (the whole package) is accepted).");
        }
        String uri = ((Element) references.item(0)).getAttribute("URI");
        Element root = document.getDocumentElement();
        if (uri.startsWith("#")) {
            String refused = registerSignedId(document, uri.substring(1), root);
            if (refused != null) {
                return Check.refused(refused);
            }
        } else if (!uri.isEmpty()) {
            return Check.refused("Chữ ký số không ký toàn bộ gói tin (the signature references '" + clip(uri)
                    + "'; only the whole package (URI=\"\" or the root's ID) is accepted).");
        }
        String method = signatureMethod(signature);
        if (!accepted.contains(method)) {
            return Check.refused("Thuật toán chữ ký số " + clip(method) + " không được chấp nhận; chấp nhận: " + names(accepted)
                    + " (the signature algorithm is not accepted).");
        }

        // the JDK's secure validation refuses SHA-1 outright; for an older RSA-SHA1 package it is off, and the
        // limits it would enforce are enforced here instead (one Reference, same-document URI, allowed transforms
        // and digests, RSA key of 1024 bits or more)
        boolean legacySha1 = RSA_SHA1.equals(signatureMethod(signature));
        CertificateSelector selector = new CertificateSelector();
        try {
            DOMValidateContext context = new DOMValidateContext(selector, signature);
            context.setProperty("org.jcp.xml.dsig.secureValidation", !legacySha1);
            XMLSignature xmlSignature = FACTORY.unmarshalXMLSignature(context);
            String algorithm = xmlSignature.getSignedInfo().getSignatureMethod().getAlgorithm();
            if (!accepted.contains(algorithm)) {
                return Check.refused("Thuật toán chữ ký số " + clip(algorithm) + " không được chấp nhận (the signature algorithm is not accepted).");
            }
            Reference reference = (Reference) xmlSignature.getSignedInfo().getReferences().get(0);
            String digest = reference.getDigestMethod().getAlgorithm();
            if (!DigestMethod.SHA256.equals(digest) && !DigestMethod.SHA512.equals(digest)
                    && !(legacySha1 && DigestMethod.SHA1.equals(digest))) {
                return Check.refused("Thuật toán băm " + clip(digest) + " không được chấp nhận (the digest algorithm is not accepted).");
            }
            if (reference.getTransforms().size() > 3) {
                return Check.refused("Chữ ký số dùng nhiều phép biến đổi hơn mức cần (the signature's reference has more transforms than a package needs).");
            }
            for (Object t : reference.getTransforms()) {
                String transform = ((Transform) t).getAlgorithm();
                if (!Transform.ENVELOPED.equals(transform) && !transform.equals(CanonicalizationMethod.INCLUSIVE)
                        && !transform.equals(CanonicalizationMethod.EXCLUSIVE) && !transform.equals(CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS)
                        && !transform.equals(CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS)) {
                    return Check.refused("Chữ ký số dùng phép biến đổi " + clip(transform) + ", không được chấp nhận (transform not accepted).");
                }
            }
            if (!xmlSignature.validate(context)) {
                return Check.refused(selector.certificate == null
                        ? "Chữ ký số không kèm chứng thư số X.509 dùng được (the signature carries no usable X.509 certificate)."
                        : "Chữ ký số không khớp với gói tin: văn bản hoặc chữ ký đã bị sửa đổi sau khi ký (the package or its signature was altered).");
            }
            if (!(selector.certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 1024) {
                return Check.refused("Khóa của người ký không phải khóa RSA từ 1024 bit trở lên (the signer's key is not an RSA key of at least 1024 bits).");
            }
            SignatureCheck signer = trust.checkSigner(selector.certificate, selector.chain, null, Instant.now());
            if (!signer.valid()) {
                return Check.refused("Chứng thư số của người ký không được xác thực bởi tổ chức chứng thực tin cậy (" + signer.reason() + ").");
            }
            return new Check(true, null, signer.signerSubject(), algorithm, false, List.copyOf(quirks));
        } catch (Exception e) {
            return Check.refused("Không kiểm tra được chữ ký số (the signature cannot be checked: " + clip(String.valueOf(e.getMessage())) + ").");
        }
    }

    /**
     * Every Signature in the document: in the XML-DSig namespace, and, as real senders write it, a Signature in
     * edXML's namespace or in none that has a SignedInfo (whatever its namespace). Counted together: one only.
     */
    private static List<Element> signatures(Document document) {
        List<Element> found = new ArrayList<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            String name = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
            if (!"Signature".equals(name)) {
                continue;
            }
            String ns = e.getNamespaceURI();
            if (EdXmlNames.DSIG_NS.equals(ns)) {
                found.add(e);
            } else if ((ns == null || EdXmlNames.NS.equals(ns)) && hasChild(e, "SignedInfo")) {
                found.add(e);
            }
        }
        return found;
    }

    private static boolean hasChild(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Signature, and its descendants in the same namespace as it, renamed into the XML-DSig namespace, with
     * the default namespace declaration the signer's library wrote on it (what its SignedInfo was canonicalized with).
     */
    private static Element intoDsigNamespace(Document document, Element signature) {
        String from = signature.getNamespaceURI();
        List<Element> subtree = new ArrayList<>();
        subtree.add(signature);
        NodeList descendants = signature.getElementsByTagName("*");
        for (int i = 0; i < descendants.getLength(); i++) {
            subtree.add((Element) descendants.item(i));
        }
        Element renamedSignature = null;
        for (Element e : subtree) {
            if (java.util.Objects.equals(from, e.getNamespaceURI())) {
                String local = e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
                Element renamed = (Element) document.renameNode(e, EdXmlNames.DSIG_NS, local);
                if (e == signature) {
                    renamedSignature = renamed;
                }
            }
        }
        renamedSignature.setAttributeNS(javax.xml.XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", EdXmlNames.DSIG_NS);
        return renamedSignature;
    }

    private static String names(Set<String> accepted) {
        List<String> names = new ArrayList<>();
        ALGORITHMS.forEach((name, uri) -> {
            if (accepted.contains(uri)) {
                names.add(name.toUpperCase(java.util.Locale.ROOT));
            }
        });
        java.util.Collections.sort(names);
        return String.join(", ", names);
    }

    private static String signatureMethod(Element signature) {
        NodeList methods = signature.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "SignatureMethod");
        return methods.getLength() == 1 ? ((Element) methods.item(0)).getAttribute("Algorithm") : "";
    }

    /** Finds the one element carrying this ID; it must be the document element. Returns why not, or null. */
    private static String registerSignedId(Document document, String id, Element root) {
        List<Attr> carriers = new ArrayList<>();
        NodeList all = document.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            NamedNodeMap attributes = all.item(i).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attr = (Attr) attributes.item(a);
                String name = attr.getLocalName() != null ? attr.getLocalName() : attr.getName();
                if ((name.equals("Id") || name.equals("ID") || name.equals("id")) && attr.getValue().equals(id)) {
                    carriers.add(attr);
                }
            }
        }
        if (carriers.size() != 1) {
            return "Chữ ký số trỏ tới một định danh có ở " + carriers.size() + " phần tử (the signed ID '" + clip(id) + "' is carried by "
                    + carriers.size() + " elements; exactly one is accepted: signature wrapping).";
        }
        Attr carrier = carriers.get(0);
        if (carrier.getOwnerElement() != root) {
            return "Chữ ký số ký một phần tử khác, không phải toàn bộ gói tin (the signature covers an element other than the package itself: signature wrapping).";
        }
        root.setIdAttributeNode(carrier, true);
        return null;
    }

    private static String clip(String value) {
        return value.length() <= 120 ? value : value.substring(0, 120) + "...";
    }

    /** Takes the key from the signature's own X.509 certificate; trust is decided afterwards, on the chain. */
    private static final class CertificateSelector extends KeySelector {
        X509Certificate certificate;
        final List<X509Certificate> chain = new ArrayList<>();

        @Override
        public KeySelectorResult select(KeyInfo keyInfo, Purpose purpose, AlgorithmMethod method, XMLCryptoContext context)
                throws KeySelectorException {
            if (keyInfo == null) {
                throw new KeySelectorException("no KeyInfo");
            }
            for (Object item : keyInfo.getContent()) {
                if (item instanceof X509Data data) {
                    for (Object entry : data.getContent()) {
                        if (entry instanceof X509Certificate cert) {
                            chain.add(cert);
                        }
                    }
                }
            }
            if (chain.isEmpty()) {
                throw new KeySelectorException("no X.509 certificate in KeyInfo");
            }
            certificate = chain.get(0);
            Key key = certificate.getPublicKey();
            return () -> key;
        }
    }
}
