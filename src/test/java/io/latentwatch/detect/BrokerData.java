package io.latentwatch.detect;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import io.latentwatch.it.CommittedRecords;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Readings onto, and alerts and scores off, a test broker (the shared one by default), for the detector's ITs. */
final class BrokerData {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private BrokerData() {
    }

    /** A reading in single-object encoding, as a producer would send it. */
    static byte[] encode(Reading r) {
        Map<String, Double> values = TestModels.byChannel(r.values());
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
        return alerts(KafkaTestCluster.bootstrapServers(), topic);
    }

    /** Every committed alert on the topic of the broker at {@code bootstrapServers}, in offset order. */
    static List<AnomalyAlert> alerts(String bootstrapServers, String topic) {
        List<AnomalyAlert> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : CommittedRecords.readAll(bootstrapServers, topic, READ_TIMEOUT)) {
            out.add(AvroSerdes.alerts().decode(r.value()));
        }
        return out;
    }

    /** Every committed score on the topic of the broker at {@code bootstrapServers}, in offset order. */
    static List<AnomalyScore> scores(String bootstrapServers, String topic) {
        List<AnomalyScore> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : CommittedRecords.readAll(bootstrapServers, topic, READ_TIMEOUT)) {
            out.add(AvroSerdes.scores().decode(r.value()));
        }
        return out;
    }

    /** Alert ids per entity, in the order each entity raised them: what must not change across a fault. */
    static Map<String, List<String>> byEntity(List<AnomalyAlert> alerts) {
        Map<String, List<String>> out = new TreeMap<>();
        for (AnomalyAlert a : alerts) {
            out.computeIfAbsent(a.getEntityId(), e -> new ArrayList<>()).add(a.getAlertId());
        }
        return out;
    }

    /** Which window a score is for: its entity and the step its window ends at, as "pump-a@15". */
    static String window(AnomalyScore score) {
        long step = (score.getWindowEnd().toEpochMilli() - TestModels.START) / TestModels.STEP_MS;
        return score.getEntityId() + "@" + step;
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
