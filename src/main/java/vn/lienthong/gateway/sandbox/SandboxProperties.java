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
        Integer enterprises,
        Ndxp ndxp) {

    /**
     * The credentials of the NDXP authentication style the population simulator accepts
     * (gateway.sandbox.ndxp.*): see {@link SandboxTokens#acceptsNdxp}.
     */
    public record Ndxp(String userName, String secretKey, String signedPath, String xRoadClient, String apiKey) {
    }

    /** How many enterprises the sandbox business registry holds besides its fixed cases (default 2,000). */
    public int enterpriseCount() {
        return enterprises == null ? 2000 : enterprises;
    }
}
