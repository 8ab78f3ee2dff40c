package vn.lienthong.gateway.security.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerRegistryTest {

    @TempDir
    Path dir;

    @Test
    void theShippedPartnerFilesLoad() {
        PartnerRegistry sandbox = PartnerRegistry.load(Path.of("config/partners-sandbox.yaml"), v -> v.replace("${server.port}", "8080"));
        assertThat(sandbox.partners()).extracting(Partner::id).contains("igate-demo", "portal-demo", "slow-demo", "lgsp-demo", "igate-mtls");
        assertThat(sandbox.services().serviceOf("GET", "/api/v1/citizens/001203012345")).hasValue("citizen.lookup");
        assertThat(sandbox.services().serviceOf("POST", "/api/v1/citizens/001203012345")).isEmpty();
        assertThat(sandbox.byApiKeyHash(PartnerAuthenticationFilter.sha256("sandbox-igate-key-2026")))
                .hasValueSatisfying(p -> assertThat(p.id()).isEqualTo("igate-demo"));
        assertThat(PartnerRegistry.load(Path.of("config/partners.yaml")).partners()).isEmpty();
    }

    @Test
    void aMalformedFileNamesTheFileTheLineAndTheReason() throws IOException {
        assertRefused("""
                services:
                  citizen.lookup:
                    - GET /api/v1/citizens/*
                partners:
                  - id: igate
                    name: iGate
                    services: [citizen.lookup, edata.read]
                    credentials:
                      apiKeys:
                        - sha256: 51cc71fc44328c57ed4391dd60dd31f1eaef87be9534872eac959883301b5c53
                """, ":7: service 'edata.read' is not defined");
        assertRefused("""
                services:
                  citizen.lookup: [GET /api/v1/citizens/*]
                partners:
                  - id: igate
                    name: iGate
                    credentials:
                      apiKeys:
                        - sha256: my-secret-key
                """, ":8: sha256 must be the 64 hex digits");
        assertRefused("""
                services:
                  citizen.lookup: [FETCH /api/v1/citizens/*]
                partners: []
                """, ":2: operation 'FETCH /api/v1/citizens/*' must be 'METHOD /path'");
        assertRefused("""
                services:
                  citizen.lookup: [GET /api/v1/citizens/*]
                partners:
                  - id: igate
                    name: iGate
                    rateLimit: {perSecond: fast}
                    credentials:
                      certificates: [{subject: "CN=igate"}]
                """, ":6: rateLimit.perSecond must be a number");
        assertRefused("""
                services:
                  citizen.lookup: [GET /api/v1/citizens/*]
                partners:
                  - id: igate
                    name: iGate
                    servces: [citizen.lookup]
                """, ":6: unknown field 'servces'");
    }

    @Test
    void everyProblemOfTheFileIsReportedAtOnceOneLineEach() throws IOException {
        Path file = dir.resolve("partners.yaml");
        Files.writeString(file, """
                services:
                  citizen.lookup: [GET /api/v1/citizens/*, FETCH /api/v1/x]
                partners:
                  - id: igate
                    name: iGate
                    services: [citizen.lookup, edata.read]
                    apiKeys:
                      - sha256: 51cc71fc44328c57ed4391dd60dd31f1eaef87be9534872eac959883301b5c53
                  - id: Portal
                    name: Portal
                    rateLimit: {perSecond: fast}
                    credentials:
                      apiKeys:
                        - sha256: my-secret-key
                  - id: lgsp
                    name: LGSP
                    credentials:
                      certificates: [{subject: "CN=lgsp"}]
                """);
        assertThatThrownBy(() -> PartnerRegistry.load(file))
                .isInstanceOfSatisfying(PartnerFileException.class, e -> {
                    assertThat(e.problems()).containsExactly(
                            file + ":2: operation 'FETCH /api/v1/x' must be 'METHOD /path' (path patterns may use * and **)",
                            file + ":4: partner 'igate' has no credentials: add 'credentials:' with apiKeys, certificates or jwt",
                            file + ":6: service 'edata.read' is not defined under 'services:'",
                            file + ":7: unknown field 'apiKeys' (expected one of [agencyCode, credentials, id, name, rateLimit, services])"
                                    + " (apiKeys, certificates and jwt go under 'credentials:')",
                            file + ":9: partner id 'Portal' must be lower-case letters, digits, '.', '_' or '-'",
                            file + ":11: rateLimit.perSecond must be a number, not 'fast'",
                            file + ":14: sha256 must be the 64 hex digits of the key's SHA-256 (never the key itself)");
                    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
                });
    }

    @Test
    void aStartStoppedByThePartnerFilePrintsItsLinesWithoutAStackTrace() {
        PartnerFileException failure = new PartnerFileException(java.util.List.of("p.yaml:3: one", "p.yaml:9: two"));
        var analysis = new PartnerFileFailureAnalyzer().analyze(new IllegalStateException("bean creation", failure));
        assertThat(analysis.getDescription()).isEqualTo("The partner file has 2 problems:\n  p.yaml:3: one\n  p.yaml:9: two");
        assertThat(analysis.getAction()).contains("GATEWAY_PARTNERS_FILE").contains("credentials:");
    }

    @Test
    void aMalformedFileStopsTheStartBeforeAnyBeanIsCreated() throws IOException {
        Path file = dir.resolve("partners.yaml");
        Files.writeString(file, """
                services:
                  citizen.lookup: [GET /api/v1/citizens/*]
                partners:
                  - id: igate
                    name: iGate
                    apiKeys:
                      - sha256: 51cc71fc44328c57ed4391dd60dd31f1eaef87be9534872eac959883301b5c53
                """);
        var env = new org.springframework.mock.env.MockEnvironment().withProperty("gateway.partners.file", file.toString());
        assertThatThrownBy(() -> new PartnerFileCheck().postProcessEnvironment(env, null))
                .isInstanceOfSatisfying(PartnerFileException.class, e -> assertThat(e.problems()).hasSize(2));
        new PartnerFileCheck().postProcessEnvironment(
                new org.springframework.mock.env.MockEnvironment().withProperty("gateway.partners.file", "config/partners.yaml"), null);
    }

    private void assertRefused(String yaml, String expected) throws IOException {
        Path file = dir.resolve("partners.yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> PartnerRegistry.load(file))
                .isInstanceOf(PartnerFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining(expected);
    }
}
