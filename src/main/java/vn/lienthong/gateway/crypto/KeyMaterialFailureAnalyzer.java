package vn.lienthong.gateway.crypto;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a failed start-up caused by the key configuration as Spring Boot's short
 * "APPLICATION FAILED TO START" report, the property to fix first, instead of a stack of bean errors.
 * Registered in META-INF/spring.factories.
 */
public class KeyMaterialFailureAnalyzer extends AbstractFailureAnalyzer<KeyMaterialException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyMaterialException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Point gateway.crypto.keystore.path, .password and .alias (environment: GATEWAY_KEYSTORE_PATH, GATEWAY_KEYSTORE_PASSWORD,"
                        + " GATEWAY_KEYSTORE_ALIAS)"
                        + " at the gateway's PKCS#12 keystore and list its CA in gateway.crypto.trusted-cas. On a development"
                        + " machine only, gateway.crypto.generate-dev-keys=true without a keystore path generates development keys.",
                cause);
    }
}
