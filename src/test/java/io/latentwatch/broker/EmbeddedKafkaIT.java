package io.latentwatch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

    private static final String TOPIC = "embedded-smoke";

    @Test
    void transactionalRoundTripThenCleanShutdown() {
        EmbeddedKafka started;
        Path dir;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            started = kafka;
            dir = kafka.logDir();
            assertTrue(Files.isDirectory(dir), "log dir exists while running");
            assertTrue(kafka.bootstrapServers().startsWith("127.0.0.1:"), kafka.bootstrapServers());
            kafka.createTopics(2, TOPIC);

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-smoke-tx"),
                    new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, "pump-0" + i, "v" + i));
                }
                producer.commitTransaction();
            }

            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "embedded-smoke",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 3 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        values.add(r.value());
                    }
                }
            }
            values.sort(null);
            assertEquals(List.of("v0", "v1", "v2"), values);
        }
        assertFalse(Files.exists(dir), "log dir deleted on close: " + dir);
        started.close(); // a second close is a no-op
        assertThrows(IllegalStateException.class, started::bootstrapServers);
        assertThrows(IllegalStateException.class, started::restart);
    }

    @Test
    void aStoppedBrokerRestartsOnTheSamePortAndLogDirWithItsCommittedRecords() {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(1, TOPIC);
            produce(bootstrap, "before-", 3);
            kafka.stop();
            kafka.stop(); // stopping a stopped broker is a no-op
            assertEquals(bootstrap, kafka.bootstrapServers(), "the address outlives a stop");
            assertTrue(Files.isDirectory(kafka.logDir()), "log dir kept while stopped");

            kafka.restart();
            assertEquals(bootstrap, kafka.bootstrapServers());
            produce(bootstrap, "after-", 2);
            kafka.restart(); // a running broker is stopped first
            assertEquals(List.of("after-0", "after-1", "before-0", "before-1", "before-2"),
                    consume(bootstrap, 5));
        }
    }

    private static void produce(String bootstrap, String prefix, int count) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-restart-tx"),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "pump", prefix + i));
            }
            producer.commitTransaction();
        }
    }

    /** Up to {@code count} committed values of the topic from its beginning, sorted. */
    private static List<String> consume(String bootstrap, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "embedded-restart",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        values.sort(null);
        return values;
    }
}
