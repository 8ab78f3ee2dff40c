package vn.lienthong.gateway.crypto;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.lienthong.gateway.crypto.SignatureCheck.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Detached CMS signatures: what is signed verifies, and nothing else does. */
class CmsSignaturesTest {

    private static final byte[] CONTENT = "Quyết định số 123/QĐ-UBND".getBytes(StandardCharsets.UTF_8);

    private static TestCa pki;
    private static CmsSigner signer;
    private static CmsVerifier verifier;

    @BeforeAll
    static void pki() {
        pki = TestCa.create("Test Province CA");
        signer = new CmsSigner(pki.signer("gateway"));
        verifier = pki.verifier();
    }

    @Test
    void signThenVerify() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SignatureCheck check = verifier.verify(CONTENT, signer.sign(CONTENT));

        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.problem()).isNull();
        assertThat(check.signerSubject()).contains("CN=gateway");
        assertThat(check.signingTime()).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void streamingSignAndVerifyAgreeWithInMemory() throws Exception {
        byte[] large = new byte[2_000_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) i;
        }
        byte[] streamed = signer.sign(new ByteArrayInputStream(large));
        assertThat(verifier.verify(large, streamed).valid()).isTrue();
        assertThat(verifier.verify(new ByteArrayInputStream(large), signer.sign(large)).valid()).isTrue();

        large[1_000_000] ^= 1;
        assertThat(verifier.verify(new ByteArrayInputStream(large), streamed).problem()).isEqualTo(Problem.CONTENT_MISMATCH);
    }

    @Test
    void signingAKnownDigestVerifiesAgainstTheContent() {
        byte[] signature = signer.signSha256(Hashes.sha256(CONTENT));

        SignatureCheck check = verifier.verify(CONTENT, signature);
        assertThat(check.valid()).as(check.reason()).isTrue();
        assertThat(check.signerSubject()).contains("CN=gateway");
        byte[] other = CONTENT.clone();
        other[3] ^= 1;
        assertThat(verifier.verify(other, signature).problem()).isEqualTo(Problem.CONTENT_MISMATCH);
        assertThat(verifier.verify(CONTENT, signer.signSha256(Hashes.sha256(other))).problem()).isEqualTo(Problem.CONTENT_MISMATCH);
    }

    @Test
    void aDigestOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> signer.signSha256(new byte[20])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tamperedContentIsRefused() {
        byte[] signature = signer.sign(CONTENT);
        byte[] tampered = CONTENT.clone();
        tampered[0] ^= 1;

        SignatureCheck check = verifier.verify(tampered, signature);

        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.CONTENT_MISMATCH);
        assertThat(check.reason()).contains("does not match the content");
    }

    @Test
    void garbageIsMalformed() {
        SignatureCheck check = verifier.verify(CONTENT, "not a signature".getBytes(StandardCharsets.US_ASCII));
        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.SIGNATURE_MALFORMED);
    }

    @Test
    void signerFromAnUntrustedCaIsRefused() {
        TestCa other = TestCa.create("Some Other CA");
        SignatureCheck check = verifier.verify(CONTENT, new CmsSigner(other.signer("impostor")).sign(CONTENT));

        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.SIGNER_UNTRUSTED);
        assertThat(check.signerSubject()).contains("CN=impostor");
    }

    @Test
    void untrustedCaWithTheTrustedCasNameIsRefused() {
        TestCa lookalike = TestCa.create("Test Province CA");
        SignatureCheck check = verifier.verify(CONTENT, new CmsSigner(lookalike.signer("impostor")).sign(CONTENT));

        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.SIGNER_UNTRUSTED);
    }

    @Test
    void expiredSignerCertificateIsRefused() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SigningIdentity expired = pki.signer("expired", now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));

        SignatureCheck check = verifier.verify(CONTENT, new CmsSigner(expired).sign(CONTENT));

        assertThat(check.valid()).isFalse();
        assertThat(check.problem()).isEqualTo(Problem.SIGNER_CERTIFICATE_INVALID);
    }

    @Test
    void signatureMadeWhileValidVerifiesAtItsTimeButNotAfterExpiry() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        SigningIdentity shortLived = pki.signer("short-lived", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)));
        byte[] signature = new CmsSigner(shortLived).sign(CONTENT);

        assertThat(verifier.verify(CONTENT, signature, now).valid()).isTrue();
        assertThat(verifier.verify(CONTENT, signature, now.plus(Duration.ofDays(2))).problem())
                .isEqualTo(Problem.SIGNER_CERTIFICATE_INVALID);
    }

    @Test
    void noTrustedCaMeansNoTrustedSigner() {
        SignatureCheck check = new CmsVerifier(new TrustedCas(java.util.List.of())).verify(CONTENT, signer.sign(CONTENT));
        assertThat(check.problem()).isEqualTo(Problem.SIGNER_UNTRUSTED);
        assertThat(check.reason()).contains("gateway.crypto.trusted-cas");
    }
}
