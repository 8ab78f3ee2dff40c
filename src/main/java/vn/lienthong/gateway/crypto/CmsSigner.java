package vn.lienthong.gateway.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.cert.CertificateEncodingException;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.DigestCalculatorProvider;
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
    private static final int SHA256_LENGTH = 32;

    private final SigningIdentity identity;
    /** Makes a fresh digest calculator per signature, so one serves every thread. */
    private final DigestCalculatorProvider digests;

    public CmsSigner(SigningIdentity identity) {
        this.identity = identity;
        try {
            this.digests = new JcaDigestCalculatorProviderBuilder().build();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("The JDK provides no message digests", e);
        }
    }

    /** The DER-encoded detached signature of {@code content}. */
    public byte[] sign(byte[] content) {
        return detached(digests, new CMSProcessableByteArray(content));
    }

    /**
     * The same detached signature as {@link #sign(byte[])}, for content whose SHA-256 the caller has
     * already computed (a deposit needs the hash anyway): the content is not read a second time.
     * Only the digest is taken on trust, so pass the SHA-256 of exactly the bytes that will be kept.
     */
    public byte[] signSha256(byte[] sha256) {
        if (sha256 == null || sha256.length != SHA256_LENGTH) {
            throw new IllegalArgumentException("a SHA-256 digest is " + SHA256_LENGTH + " bytes");
        }
        return detached(new KnownDigest(sha256), new CMSAbsentContent());
    }

    /** A detached signature, the content's digest given by {@code contentDigests}. */
    private byte[] detached(DigestCalculatorProvider contentDigests, CMSTypedData content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(signerInfo(contentDigests));
            generator.addCertificates(new JcaCertStore(identity.chain()));
            return generator.generate(content, false).getEncoded(ASN1Encoding.DER);
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
        return signerInfo(digests);
    }

    private SignerInfoGenerator signerInfo(DigestCalculatorProvider digests) throws OperatorCreationException, CertificateEncodingException {
        return new JcaSignerInfoGeneratorBuilder(digests)
                .build(new JcaContentSignerBuilder(ALGORITHM).build(identity.privateKey()), identity.certificate());
    }

    /**
     * Hands the signer-info generator a digest computed beforehand, in place of one it would compute
     * over the content: what it puts in the signed attributes (messageDigest) is the same value.
     */
    private static final class KnownDigest implements DigestCalculatorProvider {
        private final byte[] sha256;

        KnownDigest(byte[] sha256) {
            this.sha256 = sha256.clone();
        }

        @Override
        public DigestCalculator get(AlgorithmIdentifier algorithm) throws OperatorCreationException {
            if (!NISTObjectIdentifiers.id_sha256.equals(algorithm.getAlgorithm())) {
                throw new OperatorCreationException("only a SHA-256 digest is known, not " + algorithm.getAlgorithm());
            }
            return new DigestCalculator() {
                @Override
                public AlgorithmIdentifier getAlgorithmIdentifier() {
                    return algorithm;
                }

                @Override
                public OutputStream getOutputStream() {
                    return OutputStream.nullOutputStream();
                }

                @Override
                public byte[] getDigest() {
                    return sha256.clone();
                }
            };
        }
    }
}
