package vn.lienthong.gateway.bus;

import java.util.Map;

import jakarta.jms.Message;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMAcceptorFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;
import vn.lienthong.gateway.GatewayTestSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded broker listens in-VM only, journals under the data directory, and JMS entry points drop Camel headers. */
class BrokerIT extends GatewayTestSupport {

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    JmsTemplate jms;

    @Autowired
    CamelContext camel;

    @Test
    void brokerHasNoNetworkListenerAndJournalsUnderTheDataDirectory() {
        var configuration = broker.getActiveMQServer().getConfiguration();
        assertThat(configuration.getAcceptorConfigurations()).isNotEmpty()
                .extracting(TransportConfiguration::getFactoryClassName)
                .containsOnly(InVMAcceptorFactory.class.getName());
        assertThat(configuration.isPersistenceEnabled()).isTrue();
        assertThat(configuration.getJournalLocation().toPath().toAbsolutePath()).startsWith(DATA_DIR);
    }

    @Test
    void camelHeadersInjectedAsJmsPropertiesAreDropped() throws Exception {
        jms.send("gateway.test.inbound", session -> {
            Message message = session.createTextMessage("payload");
            message.setStringProperty("CamelFileName", "../../etc/passwd");
            message.setStringProperty("cAmElHttpUri", "http://127.0.0.1:1/evil");
            message.setStringProperty("CAMELJMSDESTINATIONNAME", "evil.queue");
            message.setStringProperty("org_DOT_apache_DOT_camel_DOT_Redirect", "yes");
            message.setStringProperty("dossierCode", "000.00.00.H41-261123-0001");
            return message;
        });
        try (ConsumerTemplate consumer = camel.createConsumerTemplate()) {
            Exchange received = consumer.receive("jms:queue:gateway.test.inbound", 5_000);
            assertThat(received).isNotNull();
            Map<String, Object> headers = received.getMessage().getHeaders();
            assertThat(headers).containsEntry("dossierCode", "000.00.00.H41-261123-0001");
            // Camel sets CamelMessageTimestamp itself on arrival; nothing injected from outside survives
            assertThat(headers.keySet())
                    .noneMatch(name -> name.equalsIgnoreCase("CamelFileName") || name.equalsIgnoreCase("CamelHttpUri")
                            || name.equalsIgnoreCase("CamelJmsDestinationName") || name.toLowerCase().startsWith("org.apache.camel")
                            || name.toLowerCase().contains("redirect"));
        }
    }
}
