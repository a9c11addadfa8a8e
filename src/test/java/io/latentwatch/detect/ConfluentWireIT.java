package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.WireSettings;
import io.latentwatch.serde.confluent.ConfluentCodec;
import io.latentwatch.serde.confluent.FakeSchemaRegistry;
import io.latentwatch.serde.confluent.SchemaRegistryClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both wire formats on a real broker against an in-process fake of the schema registry REST API:
 * readings in Confluent framing and in single-object encoding on the same topic are both read, and
 * with {@code serde=confluent} the alerts are written in Confluent framing under the topic-name subject.
 */
class ConfluentWireIT {
    @TempDir
    Path dir;

    @Test
    void mixedInputFramingsAreReadAndAlertsAreWrittenInConfluentFraming() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String input = "wire-readings-" + suffix;
        String alerts = "wire-alerts-" + suffix;
        KafkaTestCluster.createTopics(2, input);
        KafkaTestCluster.createTopics(1, alerts, input + ".dlq");
        List<Reading> readings = DetectorTopologyTest.plant(700, 29, r -> r, "pump-a", "pump-b");
        for (Reading r : readings) {
            if (r.step() >= 400 && r.step() < 430) {
                r.values()[1] += 40;
            }
        }
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
            SchemaRegistryClient client = new SchemaRegistryClient(registry.url());
            ConfluentCodec<SensorReading> confluentReadings = new ConfluentCodec<>(client,
                    SensorReading.getClassSchema());
            List<Map.Entry<String, byte[]>> records = new ArrayList<>();
            for (Reading r : readings) {
                byte[] singleObject = BrokerData.encode(r);
                byte[] bytes = r.entity().equals("pump-a") ? singleObject
                        : confluentReadings.encode(input, AvroSerdes.readings().decode(singleObject));
                records.add(Map.entry(r.entity(), bytes));
            }
            KafkaTestCluster.produce(input, records);

            DetectorConfig config = DetectorConfig.defaults().withTopics(input, alerts)
                    .withWire(new WireSettings(WireSettings.Format.CONFLUENT, registry.url(), null, null));
            DetectorStats stats = new DetectorStats();
            try (DetectorModel model = TestModels.load(dir.resolve("model"));
                 KafkaStreams streams = new KafkaStreams(DetectorTopology.build(config, model, stats),
                         StreamsSettings.of(KafkaTestCluster.bootstrapServers(), "wire-" + suffix, dir.resolve("state"),
                                 null))) {
                streams.start();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (stats.windowsScored() < 2L * ((700 - TestModels.WINDOW) / TestModels.HOP + 1)
                        || KafkaTestCluster.consumeAll(alerts, Duration.ofSeconds(10)).size() < 4) {
                    assertTrue(System.nanoTime() < deadline, "timed out; windows " + stats.windowsScored());
                    Thread.sleep(100);
                }
                assertEquals(0, stats.skipped(), "both framings should be read");
            }
            ConfluentCodec<AnomalyAlert> alertCodec = new ConfluentCodec<>(new SchemaRegistryClient(registry.url()),
                    AnomalyAlert.getClassSchema());
            List<AnomalyAlert> raised = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : KafkaTestCluster.consumeAll(alerts, Duration.ofSeconds(10))) {
                assertEquals(0, r.value()[0], "Confluent magic byte");
                raised.add(alertCodec.decode(r.value()));
            }
            Set<String> opened = raised.stream().filter(a -> a.getStatus() == AlertStatus.OPEN)
                    .map(AnomalyAlert::getEntityId).collect(Collectors.toSet());
            assertEquals(Set.of("pump-a", "pump-b"), opened);
        }
    }
}
