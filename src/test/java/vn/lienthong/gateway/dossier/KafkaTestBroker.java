package vn.lienthong.gateway.dossier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker (KRaft, no ZooKeeper) inside the test JVM, shared by the test gateway for its
 * dossier topics, with plain Kafka clients for the tests to play iGate and a dashboard.
 */
public final class KafkaTestBroker {

    public static final String EVENTS_TOPIC = "igate.dossier-events";
    public static final String OUTCOMES_TOPIC = "lienthong.dossier-outcomes";
    public static final int PARTITIONS = 3;

    private static KafkaTestBroker shared;

    private final EmbeddedKafkaKraftBroker broker;

    private KafkaTestBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, EVENTS_TOPIC, OUTCOMES_TOPIC);
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-test-broker-stop"));
    }

    /** The broker of the shared test gateway, started on first use. */
    public static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            shared = new KafkaTestBroker();
        }
        return shared;
    }

    /** Creates a topic of {@link #PARTITIONS} partitions unless it exists. */
    public synchronized void topic(String name) {
        if (!broker.getTopics().contains(name)) {
            broker.addTopics(name);
        }
    }

    public String brokers() {
        return broker.getBrokersAsString();
    }

    /** A record as iGate sends it: key = dossier code, with optional header name/value pairs. */
    public static ProducerRecord<String, String> record(String topic, String key, String value, String... headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            record.headers().add(new RecordHeader(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return record;
    }

    /** Sends the records in their order from one producer, and returns once Kafka has each (acks=all). */
    public void send(List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not send the records", e);
        }
    }

    /**
     * Sends records of raw bytes (a value that is no text, a tombstone: null) from one producer, in their order, and
     * returns where Kafka put each, once it has each (acks=all).
     */
    public List<RecordMetadata> sendRaw(List<ProducerRecord<byte[], byte[]>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            List<RecordMetadata> where = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> f : sent) {
                where.add(f.get());
            }
            return where;
        } catch (Exception e) {
            throw new IllegalStateException("Could not send the records", e);
        }
    }

    /** Every record of a topic from the beginning, read by a new consumer group, until none arrives for {@code quiet}. */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long lastSeen = System.nanoTime();
            while (System.nanoTime() - lastSeen < quiet.toNanos()) {
                var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    records.forEach(all::add);
                    lastSeen = System.nanoTime();
                }
            }
        }
        return all;
    }
}
