package vn.lienthong.gateway.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Makes detached CMS signatures (PKCS#7 SignedData without the content) with the gateway's key:
 * SHA256withRSA, the signing time and content digest as signed attributes, and the gateway's
 * certificate chain included so that any holder of the trusted CA can verify it offline.
 * Thread-safe: every call builds its own signer.
 */
public final class CmsSigner {

    static final String ALGORITHM = "SHA256withRSA";

    private final SigningIdentity identity;

    public CmsSigner(SigningIdentity identity) {
        this.identity = identity;
    }

    /** The DER-encoded detached signature of {@code content}. */
    public byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo());
            generator.addCertificates(new JcaCertStore(identity.chain()));
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (CMSException | CertificateEncodingException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot sign with the gateway's key", e);
        }
    }

    /** The detached signature of a stream of any size, read once with a fixed buffer and not closed. */
    public byte[] sign(InputStream content) throws IOException {
        try {
            CMSSignedDataStreamGenerator generator = new CMSSignedDataStreamGenerator();
            generator.addSignerInfoGenerator(signerInfo());
            generator.addCertificates(new JcaCertStore(identity.chain()));
            ByteArrayOutputStream signature = new ByteArrayOutputStream();
            try (OutputStream sink = generator.open(signature, false)) {
                content.transferTo(sink);
            }
            return signature.toByteArray();
        } catch (CMSException | CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot sign with the gateway's key", e);
        }
    }

    public SigningIdentity identity() {
        return identity;
    }

    private SignerInfoGenerator signerInfo() throws OperatorCreationException, CertificateEncodingException {
        return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder(ALGORITHM).build(identity.privateKey()), identity.certificate());
    }
}
