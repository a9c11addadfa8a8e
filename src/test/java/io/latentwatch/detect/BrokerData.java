package io.latentwatch.detect;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Readings onto, and alerts off, the shared test broker, for the detector's integration tests. */
final class BrokerData {
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private BrokerData() {
    }

    /** A reading in single-object encoding, as a producer would send it. */
    static byte[] encode(Reading r) {
        Map<String, Double> values = new HashMap<>();
        for (int c = 0; c < r.values().length; c++) {
            values.put(TestModels.CHANNELS.get(c), r.values()[c]);
        }
        return AvroSerdes.readings().encode(SensorReading.newBuilder().setEntityId(r.entity())
                .setTimestamp(Instant.ofEpochMilli(r.timestamp())).setReadings(values).build());
    }

    /** Produces the readings, keyed by entity, in one committed transaction. */
    static void produce(String topic, List<Reading> readings) {
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (Reading r : readings) {
            records.add(Map.entry(r.entity(), encode(r)));
        }
        KafkaTestCluster.produce(topic, records);
    }

    /** Every committed alert on the topic, in offset order. */
    static List<AnomalyAlert> alerts(String topic) {
        List<AnomalyAlert> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : KafkaTestCluster.consumeAll(topic, Duration.ofSeconds(10))) {
            out.add(AvroSerdes.alerts().decode(r.value()));
        }
        return out;
    }

    /** Polls until the condition holds; fails naming {@code what} after {@link #TIMEOUT}. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
