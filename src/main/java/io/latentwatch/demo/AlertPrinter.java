package io.latentwatch.demo;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.serde.AvroSerdes;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the alerts topic with a read_committed consumer on its own thread, prints each alert as one
 * line and hands it to the scoreboard. Sees only what the detector's transactions committed.
 */
final class AlertPrinter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertPrinter.class);

    private final KafkaConsumer<String, AnomalyAlert> consumer;
    private final Scoreboard scoreboard;
    private final PrintStream out;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running = true;

    AlertPrinter(String bootstrapServers, String topic, int partitions, Scoreboard scoreboard, PrintStream out) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), AvroSerdes.alertSerde().deserializer());
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        this.scoreboard = scoreboard;
        this.out = out;
        this.thread = new Thread(this::loop, "demo-alert-printer");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long received() {
        return received.get();
    }

    private void loop() {
        try {
            while (running) {
                for (ConsumerRecord<String, AnomalyAlert> r : consumer.poll(Duration.ofMillis(200))) {
                    scoreboard.add(r.value());
                    received.incrementAndGet();
                    out.println(AlertLines.line(r.value()));
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("alert printer stopped: {}", e.toString());
        } finally {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
