package io.latentwatch.it;

import io.latentwatch.LatentwatchException;
import io.latentwatch.broker.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The one real Kafka broker (KRaft, combined broker and controller, in this JVM) that every
 * {@code *IT} test shares, so the JVM pays for a broker start once.
 *
 * <p>Started lazily on first use and closed by a JVM shutdown hook. Tests share it, so each
 * test uses its own topic names (and transactional ids) rather than cleaning up after itself.
 * The test kit listens on all interfaces, which is acceptable in tests only; the demo uses
 * {@link io.latentwatch.broker.EmbeddedKafka}, which binds loopback.
 */
public final class KafkaTestCluster {

    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    private KafkaTestCluster() {
    }

    /** Initialization-on-demand holder: the JVM starts the cluster once, on first access. */
    private static final class Holder {
        static final KafkaClusterTestKit CLUSTER = startCluster();
    }

    /** The {@code bootstrap.servers} value for clients of the shared broker. */
    public static String bootstrapServers() {
        return Holder.CLUSTER.bootstrapServers();
    }

    /**
     * Creates the named topics with {@code partitions} partitions each and waits until every
     * partition has a leader; existing topics are left unchanged.
     */
    public static void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            Topics.create(admin, partitions, TOPIC_TIMEOUT, names);
        }
    }

    /**
     * Writes the records to {@code topic} in one committed transaction, keyed by entry key,
     * and returns after the commit.
     */
    public static void produce(String topic, List<Map.Entry<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-producer-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Map.Entry<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue()));
            }
            producer.commitTransaction();
        }
    }

    /**
     * Reads {@code topic} from the beginning of every partition with {@code read_committed}
     * until {@code count} records arrived or {@code timeout} passed, and returns what was read
     * (fewer than {@code count} on timeout, so the caller's assertion shows what did arrive).
     * Uses no consumer group, so it neither commits offsets nor waits for a rebalance.
     */
    public static List<ConsumerRecord<String, byte[]>> consume(String topic, int count,
            Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = CommittedRecords.fromTheBeginning(bootstrapServers(), topic,
                timeout)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                consumer.poll(POLL).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Reads every committed record of {@code topic}: from the beginning of each partition up to
     * its last stable offset as a {@code read_committed} consumer sees it when this is called.
     * Meant for after the writers closed, when that is the whole topic; fails after
     * {@code timeout} rather than returning part of it.
     */
    public static List<ConsumerRecord<String, byte[]>> consumeAll(String topic, Duration timeout) {
        return CommittedRecords.readAll(bootstrapServers(), topic, timeout);
    }

    private static KafkaClusterTestKit startCluster() {
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    // Without an explicit metadata version the kit's controller can wait forever.
                    .setBootstrapMetadataVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setBootstrapMetadata(productionBootstrap())
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // Tests replay readings with event times years in the past. With time-based
                    // retention, every segment of such records is "expired" and the broker deletes
                    // it at its next retention check, which silently ate committed output mid-test.
                    .setConfigProp("log.retention.ms", "-1")
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(cluster),
                    "kafka-test-cluster-shutdown"));
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return cluster;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("interrupted while starting the test Kafka cluster", e);
        } catch (Exception e) {
            throw new LatentwatchException("could not start the test Kafka cluster: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Production feature levels, as {@code kafka-storage format} and the demo broker set them.
     * The kit alone bootstraps only {@code metadata.version}, which leaves transaction.version,
     * group.version and streams.version at 0: ITs would then test a broker unlike the real one.
     */
    private static BootstrapMetadata productionBootstrap() {
        MetadataVersion version = MetadataVersion.LATEST_PRODUCTION;
        Map<String, Short> levels = new TreeMap<>();
        levels.put(MetadataVersion.FEATURE_NAME, version.featureLevel());
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            // kraft.version belongs to the quorum's own log, not to the bootstrap records.
            if (feature != Feature.KRAFT_VERSION) {
                levels.put(feature.featureName(), feature.defaultLevel(version));
            }
        }
        return BootstrapMetadata.fromVersions(version, levels, "latentwatch integration tests");
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            // The JVM is exiting; there is nobody left to report to but stderr.
            System.err.println("test Kafka cluster did not close cleanly: " + e);
        }
    }
}
