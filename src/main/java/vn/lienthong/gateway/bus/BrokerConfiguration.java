package vn.lienthong.gateway.bus;

import jakarta.jms.ConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The message bus. By default an embedded Artemis broker (spring.artemis.mode=embedded): in-VM only,
 * persistent journal under the data directory, its management published over JMX so Hawtio shows
 * the broker, its queues and its dead letters. Camel's {@code jms} component uses whichever broker
 * Spring Boot connects to, with the gateway's inbound header filter.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfiguration {

    /** Camel's JMS component on the broker, with the gateway's header filter on every JMS entry point. */
    @Bean("jms")
    JmsComponent jmsComponent(ConnectionFactory connectionFactory) {
        JmsComponent jms = JmsComponent.jmsComponent(connectionFactory);
        jms.setHeaderFilterStrategy(new InboundJmsHeaderFilter());
        return jms;
    }

    @Bean
    @ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
    ArtemisConfigurationCustomizer gatewayBrokerCustomizer() {
        return configuration -> {
            configuration.setName("lienthong-broker");
            configuration.setJMXManagementEnabled(true);
            configuration.setSecurityEnabled(false); // in-VM only: nothing outside this process can connect
            configuration.setJournalSyncTransactional(true);
            configuration.setJournalSyncNonTransactional(true);
        };
    }
}
