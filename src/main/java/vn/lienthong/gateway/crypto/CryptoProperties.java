package vn.lienthong.gateway.crypto;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway's keys ({@code gateway.crypto.*}).
 *
 * @param keystore        the PKCS#12 keystore holding the gateway's signing key and chain
 * @param trustedCas      PEM files of the CAs whose signers the gateway accepts (may be empty)
 * @param generateDevKeys when no keystore is configured: generate (once) and use development keys
 *                        instead of refusing to start. True by default, false in the prod profile.
 */
@ConfigurationProperties("gateway.crypto")
public record CryptoProperties(
        @DefaultValue Keystore keystore,
        List<String> trustedCas,
        @DefaultValue("true") boolean generateDevKeys) {

    public CryptoProperties {
        keystore = keystore == null ? new Keystore(null, null, null) : keystore;
        trustedCas = trustedCas == null ? List.of() : trustedCas.stream().filter(p -> p != null && !p.isBlank()).toList();
    }

    /** {@code gateway.crypto.keystore.path / password / alias}. */
    public record Keystore(String path, String password, String alias) {

        public boolean isConfigured() {
            return path != null && !path.isBlank();
        }
    }
}
