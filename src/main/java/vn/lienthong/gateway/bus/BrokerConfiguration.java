package vn.lienthong.gateway.bus;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded Artemis broker (spring.artemis.mode=embedded): in-VM only, persistent journal under
 * the data directory. Its management is published over JMX so Hawtio shows the broker, its
 * queues and its dead letters.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.artemis.mode", havingValue = "embedded")
public class BrokerConfiguration {

    @Bean
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
