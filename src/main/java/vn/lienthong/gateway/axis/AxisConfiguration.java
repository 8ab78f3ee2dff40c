package vn.lienthong.gateway.axis;

import java.time.Clock;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.lienthong.gateway.crypto.CmsVerifier;
import vn.lienthong.gateway.crypto.GatewayKeys;
import vn.lienthong.gateway.security.messagelog.MessageLog;

/** The national document axis capability: the beans routes/document-axis.camel.yaml calls. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AxisProperties.class)
public class AxisConfiguration {

    @Bean
    ProducerTemplate axisProducer(CamelContext camel) {
        return camel.createProducerTemplate();
    }

    @Bean
    AxisStore axisStore(JdbcTemplate jdbc) {
        return new AxisStore(jdbc);
    }

    @Bean
    AxisClient axisClient(ProducerTemplate axisProducer) {
        return new AxisClient(axisProducer);
    }

    @Bean
    AgencyDirectory agencyDirectory(AxisClient client, AxisProperties properties) {
        return new AgencyDirectory(client, properties.directoryTtl(), Clock.systemUTC());
    }

    @Bean("axisApi")
    AxisApi axisApi(AxisStore store, AgencyDirectory directory, AxisProperties properties, GatewayKeys keys, ProducerTemplate axisProducer) {
        return new AxisApi(store, directory, properties, keys.identity(), axisProducer);
    }

    @Bean("axisOutbox")
    AxisOutbox axisOutbox(AxisStore store, AxisClient client) {
        return new AxisOutbox(store, client);
    }

    @Bean("axisInbox")
    AxisInbox axisInbox(AxisClient client, AxisStore store, AgencyDirectory directory, AxisProperties properties,
                        CmsVerifier verifier, GatewayKeys keys, ProducerTemplate axisProducer, MessageLog messageLog) {
        return new AxisInbox(client, store, directory, properties, verifier, keys.identity(), axisProducer, messageLog);
    }
}
