package vn.lienthong.gateway.crypto;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A certificate authority for signing tests, and the signing identities it issues. RSA 2048 keeps the tests fast;
 * the production sizes are exercised by {@link GatewayKeysTest}.
 */
public final class TestCa {

    private static final int BITS = 2048;

    public final KeyPair caKeys;
    public final X509Certificate ca;

    private TestCa(String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        caKeys = CertificateIssuer.rsaKeyPair(BITS);
        ca = CertificateIssuer.selfSignedCa("CN=" + name + ",O=Lien Thong tests,C=VN", caKeys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    public static TestCa create(String caName) {
        return new TestCa(caName);
    }

    /** A signer valid from yesterday for a year. */
    public SigningIdentity signer(String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return signer(name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    public SigningIdentity signer(String name, Instant notBefore, Instant notAfter) {
        KeyPair keys = CertificateIssuer.rsaKeyPair(BITS);
        X509Certificate certificate = CertificateIssuer.signingCertificate("CN=" + name + ",O=Lien Thong tests,C=VN",
                keys.getPublic(), ca, caKeys.getPrivate(), notBefore, notAfter);
        return new SigningIdentity(keys.getPrivate(), List.of(certificate, ca));
    }

    public TrustedCas trust() {
        return TrustedCas.of(ca);
    }

    public CmsVerifier verifier() {
        return new CmsVerifier(trust());
    }
}
