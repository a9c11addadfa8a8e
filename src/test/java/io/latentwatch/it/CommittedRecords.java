package io.latentwatch.it;

import io.latentwatch.LatentwatchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic's committed records on any broker, as a {@code read_committed} consumer without
 * a group (it neither commits offsets nor waits for a rebalance). {@link KafkaTestCluster} reads
 * the shared broker with it; tests with a broker of their own call it directly.
 */
public final class CommittedRecords {
    private static final Duration POLL = Duration.ofMillis(100);

    private CommittedRecords() {
    }

    /**
     * Every committed record of {@code topic}: from the beginning of each partition up to its last
     * stable offset when this is called. Fails after {@code timeout} rather than returning part of it.
     */
    public static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic,
                                                               Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = fromTheBeginning(bootstrapServers, topic, timeout)) {
            List<TopicPartition> partitions = List.copyOf(consumer.assignment());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new LatentwatchException("read " + out.size() + " records of " + topic
                            + " but not up to its end offsets " + end + " within " + timeout);
                }
                consumer.poll(POLL).forEach(out::add);
            }
        }
        return out;
    }

    /** A group-less read_committed consumer assigned every partition of {@code topic}, at its beginning. */
    static KafkaConsumer<String, byte[]> fromTheBeginning(String bootstrapServers, String topic, Duration timeout) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }
}
