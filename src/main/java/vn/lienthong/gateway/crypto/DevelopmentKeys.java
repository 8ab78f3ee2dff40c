package vn.lienthong.gateway.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A development PKI, so that a fresh checkout signs and verifies with no setup: a self-signed
 * development CA (RSA 3072) and a gateway key and certificate it issued, kept in
 * {@code ${gateway.data-dir}/keys/}:
 * <ul>
 *   <li>{@code dev-ca.pem} — the CA certificate, trusted while development keys are in use;</li>
 *   <li>{@code gateway.p12} — the gateway's key and chain (alias {@code gateway});</li>
 *   <li>{@code gateway.p12.password} — its generated password.</li>
 * </ul>
 * Generated on the first start, reused on every later one, so that signatures made yesterday still
 * verify today. The CA's private key is thrown away once the gateway certificate is issued: nothing
 * on disk can issue a second certificate that the development trust would accept.
 * Never used when {@code gateway.crypto.generate-dev-keys} is false (the prod profile).
 */
public final class DevelopmentKeys {

    public static final String CA_FILE = "dev-ca.pem";
    public static final String KEYSTORE_FILE = "gateway.p12";
    public static final String PASSWORD_FILE = "gateway.p12.password";
    public static final String ALIAS = "gateway";

    static final int KEY_BITS = 3072;
    private static final Duration CA_LIFETIME = Duration.ofDays(20 * 365);
    private static final Duration GATEWAY_LIFETIME = Duration.ofDays(10 * 365);
    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentKeys.class);

    /** What the development PKI gives the gateway: its signing identity and the CA to trust. */
    public record Loaded(SigningIdentity identity, X509Certificate ca, boolean generated) {
    }

    private DevelopmentKeys() {
    }

    /** Reuses the development keys in {@code folder}, or generates them when any file is missing or expired. */
    public static Loaded loadOrGenerate(Path folder) {
        Path caFile = folder.resolve(CA_FILE);
        Path keystoreFile = folder.resolve(KEYSTORE_FILE);
        Path passwordFile = folder.resolve(PASSWORD_FILE);
        try {
            if (Files.exists(caFile) && Files.exists(keystoreFile) && Files.exists(passwordFile)) {
                char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).strip().toCharArray();
                SigningIdentity identity = KeyFiles.readPkcs12(keystoreFile, password, ALIAS);
                X509Certificate ca = KeyFiles.readPemCertificates(caFile).get(0);
                if (identity.certificate().getNotAfter().toInstant().isAfter(Instant.now())) {
                    LOG.warn("DEVELOPMENT KEYS in use: the gateway signs with {} issued by the development CA in {}."
                            + " Configure gateway.crypto.keystore.path for production.", KEYSTORE_FILE, folder);
                    return new Loaded(identity, ca, false);
                }
                LOG.warn("The development gateway certificate in {} has expired: generating new development keys", folder);
            }
            Loaded generated = generate(folder);
            LOG.warn("DEVELOPMENT KEYS generated in {}: a development CA ({}) and the gateway's key ({}, password in {})."
                            + " Signatures made with them prove nothing outside this machine. Configure gateway.crypto.keystore.path"
                            + " for production.", folder, CA_FILE, KEYSTORE_FILE, PASSWORD_FILE);
            return generated;
        } catch (IOException e) {
            throw new KeyMaterialException("Cannot read or write the development keys in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Loaded generate(Path folder) throws IOException {
        KeyFiles.createOwnerOnlyFolder(folder);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant notBefore = now.minus(Duration.ofMinutes(5)); // tolerate a little clock skew
        KeyPair caKeys = CertificateIssuer.rsaKeyPair(KEY_BITS);
        X509Certificate ca = CertificateIssuer.selfSignedCa(
                "CN=Lien Thong Gateway Development CA,O=Lien Thong Gateway (development only),C=VN",
                caKeys, notBefore, now.plus(CA_LIFETIME));
        KeyPair gatewayKeys = CertificateIssuer.rsaKeyPair(KEY_BITS);
        X509Certificate gateway = CertificateIssuer.signingCertificate(
                "CN=Lien Thong Gateway (development),O=Lien Thong Gateway (development only),C=VN",
                gatewayKeys.getPublic(), ca, caKeys.getPrivate(), notBefore, now.plus(GATEWAY_LIFETIME));
        SigningIdentity identity = new SigningIdentity(gatewayKeys.getPrivate(), List.of(gateway, ca));

        String password = randomPassword();
        // the CA file is written last: its presence with the other two means a complete set
        KeyFiles.writeOwnerOnly(folder.resolve(PASSWORD_FILE), (password + "\n").getBytes(StandardCharsets.US_ASCII));
        KeyFiles.writePkcs12(folder.resolve(KEYSTORE_FILE), password.toCharArray(), ALIAS, identity);
        KeyFiles.writePemCertificate(folder.resolve(CA_FILE), ca);
        return new Loaded(identity, ca, true);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
