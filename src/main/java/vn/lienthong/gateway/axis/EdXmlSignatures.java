package vn.lienthong.gateway.axis;

import java.security.Key;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
import org.w3c.dom.NodeList;
import vn.lienthong.gateway.axis.edxml.EdXmlNames;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.SignatureCheck;
import vn.lienthong.gateway.crypto.SigningIdentity;

/**
 * XML-DSig of edXML packages and status messages, with the JDK's {@code javax.xml.crypto.dsig}.
 * <p>
 * <b>Signing</b>: RSA-SHA256, one Reference {@code URI=""} (the whole document) with the
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

    /** RSA-SHA1: older packages use it; accepted for reading when secure validation lets it through, never used to sign. */
    static final String RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";

    /** What verification found; {@code reason} is a sentence fit for a status 02 Description. */
    public record Check(boolean valid, String reason, String signerSubject, String algorithm) {
        static Check refused(String reason) {
            return new Check(false, reason, null, null);
        }
    }

    private static final XMLSignatureFactory FACTORY = XMLSignatureFactory.getInstance("DOM");

    private EdXmlSignatures() {
    }

    /** Signs the whole document, appending the Signature as the last child of {@code parent}. */
    public static void sign(Document document, Element parent, SigningIdentity identity) {
        try {
            Reference reference = FACTORY.newReference("",
                    FACTORY.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(FACTORY.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            FACTORY.newTransform(CanonicalizationMethod.INCLUSIVE, (TransformParameterSpec) null)),
                    null, null);
            SignedInfo signedInfo = FACTORY.newSignedInfo(
                    FACTORY.newCanonicalizationMethod(CanonicalizationMethod.INCLUSIVE, (C14NMethodParameterSpec) null),
                    FACTORY.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
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

    /**
     * Verifies the document's signature, which must be a child of {@code expectedParent}.
     * On success the document element is exactly what was signed.
     */
    public static Check verify(Document document, Element expectedParent, CmsVerifier trust) {
        NodeList signatures = document.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Signature");
        if (signatures.getLength() == 0) {
            return Check.refused("The package is not signed.");
        }
        if (signatures.getLength() > 1) {
            return Check.refused("The package carries " + signatures.getLength() + " signatures; exactly one is accepted.");
        }
        Element signature = (Element) signatures.item(0);
        if (expectedParent == null || signature.getParentNode() != expectedParent) {
            return Check.refused("The signature is not where the edXML format puts it.");
        }
        if (signature.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Object").getLength() > 0) {
            return Check.refused("The signature carries ds:Object content, which is not accepted.");
        }
        NodeList references = signature.getElementsByTagNameNS(EdXmlNames.DSIG_NS, "Reference");
        if (references.getLength() != 1) {
            return Check.refused("The signature has " + references.getLength() + " references; exactly one (the whole package) is accepted.");
        }
        String uri = ((Element) references.item(0)).getAttribute("URI");
        Element root = document.getDocumentElement();
        if (uri.startsWith("#")) {
            String refused = registerSignedId(document, uri.substring(1), root);
            if (refused != null) {
                return Check.refused(refused);
            }
        } else if (!uri.isEmpty()) {
            return Check.refused("The signature references '" + clip(uri) + "'; only the whole package (URI=\"\" or the root's ID) is accepted.");
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
            if (!SignatureMethod.RSA_SHA256.equals(algorithm) && !RSA_SHA1.equals(algorithm)) {
                return Check.refused("The signature algorithm " + clip(algorithm) + " is not accepted (RSA-SHA256, or RSA-SHA1 for older packages).");
            }
            Reference reference = (Reference) xmlSignature.getSignedInfo().getReferences().get(0);
            String digest = reference.getDigestMethod().getAlgorithm();
            if (!DigestMethod.SHA256.equals(digest) && !DigestMethod.SHA512.equals(digest)
                    && !(legacySha1 && DigestMethod.SHA1.equals(digest))) {
                return Check.refused("The digest algorithm " + clip(digest) + " is not accepted.");
            }
            if (reference.getTransforms().size() > 3) {
                return Check.refused("The signature's reference has more transforms than a package needs.");
            }
            for (Object t : reference.getTransforms()) {
                String transform = ((Transform) t).getAlgorithm();
                if (!Transform.ENVELOPED.equals(transform) && !transform.equals(CanonicalizationMethod.INCLUSIVE)
                        && !transform.equals(CanonicalizationMethod.EXCLUSIVE) && !transform.equals(CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS)
                        && !transform.equals(CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS)) {
                    return Check.refused("The signature uses the transform " + clip(transform) + ", which is not accepted.");
                }
            }
            if (!xmlSignature.validate(context)) {
                return Check.refused(selector.certificate == null
                        ? "The signature carries no usable X.509 certificate."
                        : "The signature does not match the package: the package or its signature was altered.");
            }
            if (!(selector.certificate.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 1024) {
                return Check.refused("The signer's key is not an RSA key of at least 1024 bits.");
            }
            SignatureCheck signer = trust.checkSigner(selector.certificate, selector.chain, null, Instant.now());
            if (!signer.valid()) {
                return Check.refused(signer.reason());
            }
            return new Check(true, null, signer.signerSubject(), algorithm);
        } catch (Exception e) {
            return Check.refused("The signature cannot be checked: " + clip(String.valueOf(e.getMessage())));
        }
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
            return "The signed ID '" + clip(id) + "' is carried by " + carriers.size() + " elements; exactly one is accepted (signature wrapping).";
        }
        Attr carrier = carriers.get(0);
        if (carrier.getOwnerElement() != root) {
            return "The signature covers an element other than the package itself (signature wrapping).";
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
