package io.latentwatch.generate;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.serde.AvroSerdes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Produces readings to a topic as Avro single-object records, key = entity id, record timestamp =
 * event time, with an idempotent producer so a retried send is not duplicated. Owns the producer;
 * {@link #close()} flushes it and throws if any send failed.
 */
public final class KafkaReadingSink implements ReadingSink {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();

    /**
     * @param properties further producer properties ({@code --kafka K=V}); the idempotence settings win
     */
    public KafkaReadingSink(String bootstrapServers, String topic, Map<String, String> properties) {
        if (topic == null || topic.isBlank()) {
            throw new LatentwatchException("topic must be a topic name, got '" + topic + "'");
        }
        Map<String, Object> config = new LinkedHashMap<>(properties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "latentwatch-generate");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    @Override
    public void write(SensorReading reading) {
        rethrow();
        producer.send(new ProducerRecord<>(topic, null, reading.getTimestamp().toEpochMilli(),
                reading.getEntityId(), AvroSerdes.readings().encode(reading)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
    }

    /** Readings the broker acknowledged so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
        rethrow();
    }

    private void rethrow() {
        Exception e = failure.get();
        if (e != null) {
            throw new LatentwatchException("cannot produce generated readings to " + topic + ": " + e.getMessage(), e);
        }
    }
}
