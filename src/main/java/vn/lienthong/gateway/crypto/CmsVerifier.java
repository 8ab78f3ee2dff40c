package vn.lienthong.gateway.crypto;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import vn.lienthong.gateway.crypto.SignatureCheck.Problem;

/**
 * Verifies detached CMS signatures: the signature must match the content, and the signer's
 * certificate must chain (PKIX, {@link CertPathValidator}) to one of the {@link TrustedCas}, valid
 * at the validation time: now, unless the caller gives another instant (e.g. the time a seal says
 * it was made, so that seals stay verifiable after the gateway's certificate has expired).
 * <p>
 * Revocation is NOT checked (no CRL, no OCSP): the gateway runs on closed networks where those
 * services are often unreachable, and a verifier that failed whenever they were would stop
 * traffic (X-Road's users' complaint about its time-stamping). A compromised key must be handled by
 * removing its CA from {@code gateway.crypto.trusted-cas} or re-issuing.
 * Thread-safe.
 */
public final class CmsVerifier {

    private static final int MAX_PATH_LENGTH = 8;

    private final TrustedCas trusted;

    public CmsVerifier(TrustedCas trusted) {
        this.trusted = trusted;
    }

    /** Checks the signature, and the signer's certificate chain as of now. */
    public SignatureCheck verify(byte[] content, byte[] signature) {
        return verify(content, signature, Instant.now());
    }

    /** Checks the signature, and the signer's certificate chain as of {@code validationTime}. */
    public SignatureCheck verify(byte[] content, byte[] signature, Instant validationTime) {
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(new CMSProcessableByteArray(content), signature);
        } catch (CMSException | RuntimeException e) {
            return malformed("not a CMS signature (" + e.getMessage() + ")");
        }
        return check(signed.getSignerInfos(), signed.getCertificates(), validationTime);
    }

    /** The streaming variant for large content: the stream is read once with a fixed buffer and not closed. */
    public SignatureCheck verify(InputStream content, byte[] signature) throws IOException {
        return verify(content, signature, Instant.now());
    }

    public SignatureCheck verify(InputStream content, byte[] signature, Instant validationTime) throws IOException {
        CMSSignedDataParser parser;
        try {
            parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(),
                    new CMSTypedStream(new BufferedInputStream(content, 64 * 1024)), signature);
            parser.getSignedContent().drain();
            return check(parser.getSignerInfos(), parser.getCertificates(), validationTime);
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            return malformed("not a CMS signature (" + e.getMessage() + ")");
        }
    }

    public TrustedCas trusted() {
        return trusted;
    }

    private SignatureCheck check(SignerInformationStore signerInfos, Store<X509CertificateHolder> certificates, Instant validationTime) {
        Collection<SignerInformation> signers = signerInfos.getSigners();
        if (signers.size() != 1) {
            return malformed("expected exactly one signer, found " + signers.size());
        }
        SignerInformation signer = signers.iterator().next();
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = certificates.getMatches(signer.getSID());
        if (matches.isEmpty()) {
            return malformed("the signer's certificate is not included in the signature");
        }
        X509Certificate certificate;
        List<X509Certificate> included = new ArrayList<>();
        try {
            certificate = toX509(matches.iterator().next());
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> all = certificates.getMatches(null);
            for (X509CertificateHolder holder : all) {
                included.add(toX509(holder));
            }
        } catch (GeneralSecurityException e) {
            return malformed("an included certificate cannot be read (" + e.getMessage() + ")");
        }
        String subject = certificate.getSubjectX500Principal().getName();
        Instant signingTime = signingTime(signer);

        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
                return SignatureCheck.invalid(Problem.CONTENT_MISMATCH, subject, signingTime,
                        "The signature does not match the content: the content or the signature was altered.");
            }
        } catch (CMSSignerDigestMismatchException e) {
            return SignatureCheck.invalid(Problem.CONTENT_MISMATCH, subject, signingTime,
                    "The signature does not match the content: the content or the signature was altered.");
        } catch (CMSVerifierCertificateNotValidException e) {
            return SignatureCheck.invalid(Problem.SIGNER_CERTIFICATE_INVALID, subject, signingTime,
                    "The signer's certificate was not valid at the signing time the signature states.");
        } catch (CMSException | OperatorCreationException | RuntimeException e) {
            return SignatureCheck.invalid(Problem.SIGNATURE_MALFORMED, subject, signingTime,
                    "The signature cannot be checked (" + e.getMessage() + ").");
        }

        return checkSigner(certificate, included, signingTime, validationTime);
    }

    /**
     * Whether a certificate that produced a (separately verified) signature may sign for the gateway:
     * its key usage allows signing and it chains, through the included certificates, to a trusted CA
     * at {@code validationTime}. Used by other signature formats (XML-DSig) so trust is decided in one place.
     */
    public SignatureCheck checkSigner(X509Certificate certificate, List<X509Certificate> included,
                                      Instant signingTime, Instant validationTime) {
        String subject = certificate.getSubjectX500Principal().getName();
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[0] && !keyUsage[1]) {
            return SignatureCheck.invalid(Problem.SIGNER_UNTRUSTED, subject, signingTime,
                    "The signer's certificate does not allow signing (key usage).");
        }
        return validatePath(certificate, included, subject, signingTime, validationTime);
    }

    private SignatureCheck validatePath(X509Certificate signerCertificate, List<X509Certificate> included,
                                        String subject, Instant signingTime, Instant validationTime) {
        if (trusted.isEmpty()) {
            return SignatureCheck.invalid(Problem.SIGNER_UNTRUSTED, subject, signingTime,
                    "No trusted CA is configured (gateway.crypto.trusted-cas), so no signer can be trusted.");
        }
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(pathToTrust(signerCertificate, included));
            PKIXParameters parameters = new PKIXParameters(trusted.anchors());
            parameters.setRevocationEnabled(false); // see the class comment
            parameters.setDate(Date.from(validationTime));
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return SignatureCheck.valid(subject, signingTime);
        } catch (CertPathValidatorException e) {
            boolean expiry = e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID;
            return SignatureCheck.invalid(expiry ? Problem.SIGNER_CERTIFICATE_INVALID : Problem.SIGNER_UNTRUSTED, subject, signingTime,
                    (expiry ? "The signer's certificate chain was expired or not yet valid on " + validationTime
                            : "The signer's certificate does not chain to a trusted CA") + " (" + e.getMessage() + ").");
        } catch (InvalidAlgorithmParameterException e) {
            return SignatureCheck.invalid(Problem.SIGNER_UNTRUSTED, subject, signingTime,
                    "The trusted CAs cannot be used (" + e.getMessage() + ").");
        } catch (GeneralSecurityException e) {
            return SignatureCheck.invalid(Problem.SIGNER_UNTRUSTED, subject, signingTime,
                    "The signer's certificate path cannot be built (" + e.getMessage() + ").");
        }
    }

    /**
     * The signer's certificate followed by its issuers found among the included certificates,
     * up to (not including) a certificate issued by a trusted CA's name. The validator then
     * checks every signature, validity period and CA constraint along it against the trust anchor.
     */
    private List<X509Certificate> pathToTrust(X509Certificate signerCertificate, List<X509Certificate> included) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(signerCertificate);
        X509Certificate current = signerCertificate;
        while (!trusted.hasSubject(current.getIssuerX500Principal()) && path.size() < MAX_PATH_LENGTH) {
            X509Certificate issuer = null;
            for (X509Certificate candidate : included) {
                if (!candidate.equals(current) && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())) {
                    issuer = candidate;
                    break;
                }
            }
            if (issuer == null || path.contains(issuer)) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        return path;
    }

    private static X509Certificate toX509(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static Instant signingTime(SignerInformation signer) {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (attribute == null || attribute.getAttrValues().size() != 1) {
            return null;
        }
        try {
            ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
            return Time.getInstance(value).getDate().toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static SignatureCheck malformed(String reason) {
        return SignatureCheck.invalid(Problem.SIGNATURE_MALFORMED, null, null, "The signature cannot be read: " + reason + ".");
    }
}
