package vn.lienthong.gateway.crypto;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The gateway's private key and its certificate chain, signer's certificate first, as read from
 * the keystore. The chain is embedded in every signature so that a verifier can rebuild the path
 * to the CA it trusts.
 */
public record SigningIdentity(PrivateKey privateKey, List<X509Certificate> chain) {

    public SigningIdentity {
        if (privateKey == null || chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("A signing identity needs a private key and at least its own certificate");
        }
        chain = List.copyOf(chain);
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }
}
