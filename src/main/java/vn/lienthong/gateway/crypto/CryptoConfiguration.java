package vn.lienthong.gateway.crypto;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The signing and verifying beans every package uses ({@link CmsSigner}, {@link CmsVerifier}),
 * built from {@link GatewayKeys}. Start-up fails if the gateway's own signature does not verify
 * against its trusted CAs: such a gateway would write seals and signatures nobody could check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
public class CryptoConfiguration {

    @Bean
    GatewayKeys gatewayKeys(CryptoProperties properties, @Value("${gateway.data-dir}") String dataDir) {
        return GatewayKeys.load(properties, Path.of(dataDir));
    }

    @Bean
    CmsSigner cmsSigner(GatewayKeys keys) {
        return new CmsSigner(keys.identity());
    }

    @Bean
    CmsVerifier cmsVerifier(GatewayKeys keys, CmsSigner signer) {
        CmsVerifier verifier = new CmsVerifier(keys.trusted());
        requireOwnSignaturesVerify(signer, verifier);
        return verifier;
    }

    static void requireOwnSignaturesVerify(CmsSigner signer, CmsVerifier verifier) {
        byte[] probe = "lienthong-gateway key self-check".getBytes(StandardCharsets.US_ASCII);
        SignatureCheck check = verifier.verify(probe, signer.sign(probe));
        if (!check.valid()) {
            throw new KeyMaterialException("The gateway's own signature does not verify: " + check.reason()
                    + " Add the CA that issued " + signer.identity().certificate().getSubjectX500Principal().getName()
                    + " to gateway.crypto.trusted-cas, or renew the certificate in gateway.crypto.keystore.path.");
        }
    }
}
