package vn.lienthong.gateway.crypto;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's key material as configuration decides it:
 * <ol>
 *   <li>{@code gateway.crypto.keystore.path} set: the key {@code ...keystore.alias} of that PKCS#12
 *       file, opened with {@code ...keystore.password} — all three are then required;</li>
 *   <li>otherwise, when {@code gateway.crypto.generate-dev-keys} is true: the {@link DevelopmentKeys}
 *       in {@code ${gateway.data-dir}/keys/}, and their CA is trusted;</li>
 *   <li>otherwise the gateway refuses to start, naming the property to set.</li>
 * </ol>
 * Plus the CAs of {@code gateway.crypto.trusted-cas}, in every case.
 *
 * @param identity    the key and chain the gateway signs with
 * @param trusted     the CAs whose signers the gateway accepts
 * @param development true when the development keys are in use
 */
public record GatewayKeys(SigningIdentity identity, TrustedCas trusted, boolean development) {

    public static final String KEYS_FOLDER = "keys";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayKeys.class);

    public static GatewayKeys load(CryptoProperties properties, Path dataDir) {
        List<X509Certificate> trustedCas = new ArrayList<>();
        for (String file : properties.trustedCas()) {
            trustedCas.addAll(KeyFiles.readPemCertificates(Path.of(file)));
        }
        CryptoProperties.Keystore keystore = properties.keystore();
        if (keystore.isConfigured()) {
            require(keystore.password(), "gateway.crypto.keystore.password", "the password of " + keystore.path());
            require(keystore.alias(), "gateway.crypto.keystore.alias", "the name of the gateway's key entry in " + keystore.path());
            SigningIdentity identity = KeyFiles.readPkcs12(Path.of(keystore.path()), keystore.password().toCharArray(), keystore.alias());
            LOG.info("Gateway signing key: '{}' from {} ({}), {} trusted CA(s)", keystore.alias(), keystore.path(),
                    identity.certificate().getSubjectX500Principal().getName(), trustedCas.size());
            return new GatewayKeys(identity, new TrustedCas(trustedCas), false);
        }
        if (!properties.generateDevKeys()) {
            throw new KeyMaterialException("gateway.crypto.keystore.path is not set, and gateway.crypto.generate-dev-keys is false:"
                    + " the gateway has no key to sign with. Set gateway.crypto.keystore.path (a PKCS#12 file),"
                    + " gateway.crypto.keystore.password and gateway.crypto.keystore.alias.");
        }
        DevelopmentKeys.Loaded dev = DevelopmentKeys.loadOrGenerate(dataDir.resolve(KEYS_FOLDER));
        trustedCas.add(dev.ca());
        return new GatewayKeys(dev.identity(), new TrustedCas(trustedCas), true);
    }

    private static void require(String value, String property, String what) {
        if (value == null || value.isEmpty()) {
            throw new KeyMaterialException(property + " is not set: it must give " + what
                    + " (gateway.crypto.keystore.path is set, so the keystore is used).");
        }
    }
}
