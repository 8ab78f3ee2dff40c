package vn.lienthong.gateway.sandbox;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the simulators (gateway.sandbox.*). */
@ConfigurationProperties("gateway.sandbox")
public record SandboxProperties(
        boolean enabled,
        long seed,
        int populationSize,
        String clientId,
        String clientSecret,
        long tokenTtlSeconds,
        String accessKey,
        String secretKey) {
}
