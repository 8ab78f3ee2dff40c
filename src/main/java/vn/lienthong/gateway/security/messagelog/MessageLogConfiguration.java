package vn.lienthong.gateway.security.messagelog;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.CmsVerifier;

/**
 * The message log's beans: {@code messageLog} (append) and {@code messageLogVerifier} (verify),
 * on the gateway's DataSource, after Flyway has created their tables.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MessageLogProperties.class)
public class MessageLogConfiguration {

    /** Closed on shutdown: the queue is written out and the last records sealed. */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    MessageLog messageLog(DataSource dataSource, CmsSigner signer, MessageLogProperties properties) {
        return MessageLog.start(dataSource, signer, properties);
    }

    @Bean
    @DependsOnDatabaseInitialization
    MessageLogVerifier messageLogVerifier(DataSource dataSource, CmsVerifier verifier) {
        return new MessageLogVerifier(dataSource::getConnection, verifier);
    }
}
