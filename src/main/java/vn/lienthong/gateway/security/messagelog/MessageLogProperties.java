package vn.lienthong.gateway.security.messagelog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the message log ({@code gateway.message-log.*}).
 *
 * @param keepBodies       store request and response bodies too (not only their hashes)
 * @param maxBatchSize     most entries committed in one transaction
 * @param queueCapacity    most entries waiting for the writer; beyond it {@code append} waits, then fails
 * @param appendTimeout    how long {@code append} waits for room in the queue and then for its commit
 * @param sealEveryRecords seal as soon as this many records are unsealed
 * @param sealInterval     and at least this often while some records are unsealed
 */
@ConfigurationProperties("gateway.message-log")
public record MessageLogProperties(
        @DefaultValue("false") boolean keepBodies,
        @DefaultValue("500") int maxBatchSize,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("10s") Duration appendTimeout,
        @DefaultValue("1000") int sealEveryRecords,
        @DefaultValue("10s") Duration sealInterval) {

    public MessageLogProperties {
        if (maxBatchSize < 1 || queueCapacity < 1 || sealEveryRecords < 1) {
            throw new IllegalArgumentException("gateway.message-log: max-batch-size, queue-capacity and seal-every-records must be at least 1");
        }
        if (appendTimeout.isNegative() || appendTimeout.isZero() || sealInterval.isNegative() || sealInterval.isZero()) {
            throw new IllegalArgumentException("gateway.message-log: append-timeout and seal-interval must be positive");
        }
    }

    /** The defaults, for code that runs without Spring (tests, the benchmark). */
    public static MessageLogProperties defaults() {
        return new MessageLogProperties(false, 500, 10_000, Duration.ofSeconds(10), 1000, Duration.ofSeconds(10));
    }

    public MessageLogProperties withKeepBodies(boolean keep) {
        return new MessageLogProperties(keep, maxBatchSize, queueCapacity, appendTimeout, sealEveryRecords, sealInterval);
    }

    public MessageLogProperties withSealing(int everyRecords, Duration interval) {
        return new MessageLogProperties(keepBodies, maxBatchSize, queueCapacity, appendTimeout, everyRecords, interval);
    }

    public MessageLogProperties withMaxBatchSize(int size) {
        return new MessageLogProperties(keepBodies, size, queueCapacity, appendTimeout, sealEveryRecords, sealInterval);
    }
}
