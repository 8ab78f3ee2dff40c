package vn.lienthong.gateway.production;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import vn.lienthong.gateway.GatewayTestSupport;
import vn.lienthong.gateway.security.TestPki;

/**
 * A real Artemis broker in the test JVM that the gateway instances reach over TCP (core protocol) with
 * TLS, as they reach the external broker in production — not the gateway's own in-VM broker. Its only
 * acceptor speaks TLS, with a server certificate for localhost issued by a throw-away CA; clients trust
 * that CA through {@link #url()}'s trust store and check the host name.
 */
final class ArtemisTcpBroker implements AutoCloseable {

    private static final String PASSWORD = "broker-test-store";

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int port = GatewayTestSupport.freePort();
    private final Path trustStore;

    ArtemisTcpBroker(Path folder) throws Exception {
        Path tls = Files.createDirectories(folder.resolve("tls"));
        TestPki.Identity ca = TestPki.authority("Broker Test CA");
        Path keyStore = TestPki.keyStore(tls.resolve("broker.p12"), TestPki.issue(ca, "CN=localhost", true), PASSWORD);
        trustStore = TestPki.trustStore(tls.resolve("trust.p12"), PASSWORD, ca.certificate());
        Configuration configuration = new ConfigurationImpl()
                .setName("cluster-test-broker")
                .setPersistenceEnabled(true)
                .setJournalDirectory(folder.resolve("journal").toString())
                .setBindingsDirectory(folder.resolve("bindings").toString())
                .setLargeMessagesDirectory(folder.resolve("large").toString())
                .setPagingDirectory(folder.resolve("paging").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tls", "tcp://localhost:" + port + "?sslEnabled=true;keyStoreType=PKCS12;keyStorePath="
                        + keyStore + ";keyStorePassword=" + PASSWORD);
        server.setConfiguration(configuration);
        server.start();
    }

    /** The URL a gateway is given: TLS, the test CA trusted, the host name checked against the certificate. */
    String url() {
        return plainUrl() + "?sslEnabled=true&verifyHost=true&trustStoreType=PKCS12&trustStorePath=" + trustStore
                + "&trustStorePassword=" + PASSWORD;
    }

    /** The same address without TLS: the broker must refuse to talk over it. */
    String plainUrl() {
        return "tcp://localhost:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
