package vn.lienthong.gateway.production;

import java.nio.file.Path;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import vn.lienthong.gateway.GatewayTestSupport;

/**
 * A real Artemis broker in the test JVM that the gateway instances reach over TCP (core protocol),
 * as they reach the external broker in production — not the gateway's own in-VM broker.
 */
final class ArtemisTcpBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final int port = GatewayTestSupport.freePort();

    ArtemisTcpBroker(Path folder) throws Exception {
        Configuration configuration = new ConfigurationImpl()
                .setName("cluster-test-broker")
                .setPersistenceEnabled(true)
                .setJournalDirectory(folder.resolve("journal").toString())
                .setBindingsDirectory(folder.resolve("bindings").toString())
                .setLargeMessagesDirectory(folder.resolve("large").toString())
                .setPagingDirectory(folder.resolve("paging").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        server.setConfiguration(configuration);
        server.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
