package io.latentwatch.replay;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.serde.AvroSerdes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a replay's alerts to a topic in one transaction (idempotent producer, acks=all), keyed by
 * entity, in Avro single-object encoding: a read_committed consumer sees all of a replay's alerts or
 * none. The transactional id defaults to {@code latentwatch-replay-<topic>}, so a second replay into
 * the same topic fences a first one still running.
 */
final class AlertPublisher {
    static final String TRANSACTIONAL_ID_PREFIX = "latentwatch-replay-";

    private AlertPublisher() {
    }

    static void publish(Map<String, Object> clientConfig, String topic, List<AnomalyAlert> alerts) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID_PREFIX + topic);
        try (Serializer<AnomalyAlert> values = AvroSerdes.alertSerde().serializer();
             KafkaProducer<String, AnomalyAlert> producer = new KafkaProducer<>(config, new StringSerializer(), values)) {
            producer.initTransactions();
            producer.beginTransaction();
            try {
                for (AnomalyAlert alert : alerts) {
                    producer.send(new ProducerRecord<>(topic, null, alert.getDetectedAt().toEpochMilli(),
                            alert.getEntityId(), alert));
                }
                producer.commitTransaction();
            } catch (ProducerFencedException e) {
                throw new LatentwatchException("another replay into " + topic + " (transactional id "
                        + config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG) + ") took over; nothing was written", e);
            } catch (KafkaException e) {
                producer.abortTransaction();
                throw e;
            }
        } catch (KafkaException e) {
            throw new LatentwatchException("cannot write " + alerts.size() + " alerts to " + topic + ": "
                    + e.getMessage() + "; the transaction was aborted, so none are visible to read_committed consumers", e);
        }
    }
}
