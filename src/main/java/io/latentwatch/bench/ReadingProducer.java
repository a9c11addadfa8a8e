package io.latentwatch.bench;

import io.latentwatch.LatentwatchException;
import io.latentwatch.serde.AvroSerdes;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes synthetic readings onto a topic, keyed by entity, in single-object encoding: either as
 * fast as the broker takes them (the throughput phases' input) or paced at a fixed rate with the
 * wall clock as event time (the latency phase). Owns its producer; use in try-with-resources.
 */
final class ReadingProducer implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final SyntheticReadings signals;
    private final int entities;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    ReadingProducer(String bootstrapServers, SyntheticReadings signals, int entities, boolean lowLatency) {
        this.signals = signals;
        this.entities = entities;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, lowLatency ? 0 : 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Sends {@code records} readings round robin over the entities, entity by entity 1 s apart in event
     * time from {@link SyntheticReadings#START}; returns once all are acknowledged.
     *
     * @param progress hears the number sent so far, every 1,000 records
     */
    void produceAll(String topic, long records, long seed, LongConsumer progress) {
        Random noise = new Random(seed);
        for (long i = 0; i < records; i++) {
            long step = i / entities;
            long timestamp = SyntheticReadings.START + step * SyntheticReadings.STEP_MS;
            send(topic, (int) (i % entities), timestamp, signals.row(step, noise));
            if ((i + 1) % 1000 == 0) {
                progress.accept(i + 1);
            }
        }
        flush();
        progress.accept(records);
    }

    /**
     * Sends readings at {@code rate} per second for {@code nanos}, round robin over the entities, each
     * stamped (event time and record time) with the wall clock when it is handed to the producer.
     *
     * @return how many were sent
     */
    long producePaced(String topic, double rate, long nanos, long seed) throws InterruptedException {
        Random noise = new Random(seed);
        long[] lastTimestamp = new long[entities];
        long started = System.nanoTime();
        long sent = 0;
        while (true) {
            long elapsed = System.nanoTime() - started;
            if (elapsed >= nanos) {
                break;
            }
            long due = (long) (elapsed / 1e9 * rate) + 1;
            for (; sent < due; sent++) {
                int e = (int) (sent % entities);
                // Event times of one entity must increase (two of its readings in one millisecond would be
                // late), and must be the true send time (a stamp ahead of the clock would understate the
                // latency measured from it): wait for the clock to pass the entity's last stamp.
                long now = System.currentTimeMillis();
                while (now <= lastTimestamp[e]) {
                    Thread.onSpinWait();
                    now = System.currentTimeMillis();
                }
                lastTimestamp[e] = now;
                send(topic, e, now, signals.row(sent / entities, noise));
            }
            Thread.sleep(1);
        }
        flush();
        return sent;
    }

    private void send(String topic, int entity, long timestamp, double[] values) {
        String id = SyntheticReadings.entity(entity);
        byte[] bytes = AvroSerdes.readings().encode(signals.reading(id, timestamp, values));
        producer.send(new ProducerRecord<>(topic, null, timestamp, id, bytes), (metadata, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private void flush() {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new LatentwatchException("producing benchmark readings failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
