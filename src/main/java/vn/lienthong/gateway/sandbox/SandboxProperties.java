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
        String secretKey,
        Integer enterprises) {

    /** How many enterprises the sandbox business registry holds besides its fixed cases (default 2,000). */
    public int enterpriseCount() {
        return enterprises == null ? 2000 : enterprises;
    }
}
