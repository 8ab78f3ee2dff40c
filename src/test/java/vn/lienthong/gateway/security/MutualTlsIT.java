package vn.lienthong.gateway.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.lienthong.gateway.GatewayApplication;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway serving HTTPS with client-certificate authentication, against a CA generated for the
 * test: a good client certificate authenticates its partner; an untrusted or expired one never does.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class MutualTlsIT {

    private static final String PASSWORD = "test-pki";
    private static final String PARTNER_SUBJECT = "CN=igate-mtls.sandbox.lienthong.vn, O=Sandbox";
    private static final int PORT = GatewayTestSupport.freePort();
    private static final Path DIR;
    private static final TestPki.Identity CA;
    private static final TestPki.Identity OTHER_CA;

    static {
        try {
            Files.createDirectories(Path.of("target", "test-data"));
            DIR = Files.createTempDirectory(Path.of("target", "test-data"), "mtls-").toAbsolutePath();
            CA = TestPki.authority("Provincial Test CA");
            OTHER_CA = TestPki.authority("Someone Else's CA");
            TestPki.keyStore(DIR.resolve("server.p12"), TestPki.issue(CA, "CN=localhost, O=Lien Thong Gateway", true), PASSWORD);
            TestPki.trustStore(DIR.resolve("trust.p12"), PASSWORD, CA.certificate());
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("gateway.data-dir", () -> DIR.resolve("data").toString());
        registry.add("gateway.console.admin.password", () -> "mtls-admin");
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> DIR.resolve("server.p12").toString());
        registry.add("server.ssl.key-store-password", () -> PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("server.ssl.trust-store", () -> DIR.resolve("trust.p12").toString());
        registry.add("server.ssl.trust-store-password", () -> PASSWORD);
        registry.add("server.ssl.trust-store-type", () -> "PKCS12");
        registry.add("server.ssl.client-auth", () -> "want");
        registry.add("logging.level.root", () -> "WARN");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTrustedClientCertificateAuthenticatesItsPartner() throws Exception {
        TestPki.Identity client = TestPki.issue(CA, PARTNER_SUBJECT, false);
        HttpResponse<String> response = call(client, "mtls-good-1");
        // authenticated as igate-mtls and granted citizen.lookup: the route itself refuses the malformed id
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("CITIZEN_ID_INVALID");
        assertThat(jdbc.queryForObject("select requester from lookup_access_log where request_id = 'mtls-good-1'", String.class))
                .isEqualTo("igate-mtls");
    }

    @Test
    void noClientCertificateIs401() throws Exception {
        HttpResponse<String> response = call(null, "mtls-none-1");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("AUTH_REQUIRED");
    }

    @Test
    void aCertificateFromAnUntrustedCaNeverAuthenticates() throws Exception {
        TestPki.Identity stranger = TestPki.issue(OTHER_CA, PARTNER_SUBJECT, false);
        // the server asks only for certificates of the CAs it trusts, so the client has none to offer:
        // the call arrives unauthenticated (had it been forced through, the handshake would fail)
        HttpResponse<String> response = call(stranger, "mtls-untrusted-1");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("AUTH_REQUIRED");
        assertThat(logged("mtls-untrusted-1")).isZero();
    }

    @Test
    void anExpiredCertificateIsRefusedInTheHandshake() throws Exception {
        TestPki.Identity expired = TestPki.issue(CA, PARTNER_SUBJECT,
                Instant.now().minus(Duration.ofDays(60)), Instant.now().minus(Duration.ofDays(1)), false);
        assertThatThrownBy(() -> call(expired, "mtls-expired-1")).isInstanceOf(IOException.class);
        assertThat(logged("mtls-expired-1")).isZero();
    }

    private int logged(String requestId) {
        return jdbc.queryForObject("select count(*) from lookup_access_log where request_id = ?", Integer.class, requestId);
    }

    private static HttpResponse<String> call(TestPki.Identity client, String requestId) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore clientStore = KeyStore.getInstance("PKCS12");
        clientStore.load(null, null);
        if (client != null) {
            clientStore.setKeyEntry("client", client.keys().getPrivate(), PASSWORD.toCharArray(), client.chain());
        }
        keys.init(clientStore, PASSWORD.toCharArray());
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("ca", CA.certificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + PORT + "/api/v1/citizens/12345"))
                        .header("X-Request-Id", requestId).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
