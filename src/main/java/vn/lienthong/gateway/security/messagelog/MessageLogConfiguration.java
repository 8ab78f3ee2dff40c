package vn.lienthong.gateway.security.messagelog;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.lienthong.gateway.crypto.CmsSigner;
import vn.lienthong.gateway.crypto.CmsVerifier;

/**
 * The message log's beans: {@code messageLog} (append) and {@code messageLogVerifier} (verify),
 * on the gateway's DataSource, after Flyway has created their tables. Both use this instance's anchor file
 * ({@code gateway.message-log.anchor-file}, default {@code <data-dir>/message-log.anchor}; see {@link ChainAnchor}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MessageLogProperties.class, RefusalLogProperties.class})
public class MessageLogConfiguration {

    /** Closed on shutdown: the queue is written out and the last records sealed. */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    MessageLog messageLog(DataSource dataSource, CmsSigner signer, MessageLogProperties properties,
                          @Value(ANCHOR_FILE) Path anchorFile) {
        return MessageLog.start(dataSource, signer, properties, anchorFile);
    }

    @Bean
    @DependsOnDatabaseInitialization
    MessageLogVerifier messageLogVerifier(DataSource dataSource, CmsVerifier verifier, @Value(ANCHOR_FILE) Path anchorFile) {
        return new MessageLogVerifier(dataSource::getConnection, verifier, List.of(anchorFile));
    }

    private static final String ANCHOR_FILE = "${gateway.message-log.anchor-file:${gateway.data-dir}/message-log.anchor}";
}
