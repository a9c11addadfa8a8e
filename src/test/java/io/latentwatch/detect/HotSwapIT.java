package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.model.ModelRegistry;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.train.ModelTrainer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot swap under load on a real broker: while readings stream in, a new model version is written
 * into the model directory and picked up; every window is scored exactly once (by the old model
 * before the swap, the new one after) and alerts raised after the swap name the new version.
 */
class HotSwapIT {
    private static final List<String> ENTITIES = List.of("pump-a", "pump-b", "pump-c");

    @TempDir
    Path dir;

    @Test
    void aNewModelVersionIsSwappedInUnderLoadWithoutLosingOrDuplicatingAWindow() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String input = "swap-readings-" + suffix;
        String alerts = "swap-alerts-" + suffix;
        String scores = "swap-scores-" + suffix;
        KafkaTestCluster.createTopics(2, input);
        KafkaTestCluster.createTopics(1, alerts, scores, input + ".dlq");
        List<Reading> readings = DetectorTopologyTest.plant(1200, 23, r -> r, ENTITIES.toArray(new String[0]));
        for (Reading r : readings) {
            if (r.step() >= 900 && r.step() < 930) {
                r.values()[1] += 40; // an anomaly on every entity, after the swap
            }
        }
        ModelTrainer.Trained a = TestModels.trained();
        ModelTrainer.Trained b = TestModels.retrained();
        Path models = dir.resolve("models").resolve("pump");
        ModelFiles.write(models, a.card(), a.onnx());
        DetectorConfig config = DetectorConfig.defaults().withTopics(input, alerts)
                .withOptionalTopics(scores, null, null);
        DetectorStats stats = new DetectorStats();
        try (ModelRegistry registry = ModelRegistry.open(models);
             KafkaStreams streams = new KafkaStreams(DetectorTopology.build(config, registry, stats),
                     StreamsSettings.of(KafkaTestCluster.bootstrapServers(), "swap-" + suffix, dir.resolve("state"),
                             null))) {
            streams.start();
            BrokerData.produce(input, readings.stream().filter(r -> r.step() < 300).toList());
            BrokerData.produce(input, readings.stream().filter(r -> r.step() >= 300 && r.step() < 600).toList());
            BrokerData.await(() -> stats.records() >= 900, "some load processed");
            // the rollout: model file first, card last, while readings keep arriving
            ModelFiles.write(models, b.card(), b.onnx());
            BrokerData.produce(input, readings.stream().filter(r -> r.step() >= 600 && r.step() < 800).toList());
            BrokerData.await(() -> registry.pollOnce() == ModelRegistry.Poll.SWAPPED || registry.swaps() > 0,
                    "the swap");
            BrokerData.produce(input, readings.stream().filter(r -> r.step() >= 800).toList());
            long windows = ENTITIES.size() * ((1200 - TestModels.WINDOW) / TestModels.HOP + 1L);
            BrokerData.await(() -> stats.windowsScored() >= windows, "every window scored");
            BrokerData.await(() -> KafkaTestCluster.consumeAll(scores, Duration.ofSeconds(10)).size() >= windows,
                    "every score committed");
            assertEquals(1, registry.swaps());
        }
        List<AnomalyScore> scored = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : KafkaTestCluster.consumeAll(scores, Duration.ofSeconds(10))) {
            scored.add(AvroSerdes.scores().decode(r.value()));
        }
        long expected = ENTITIES.size() * ((1200 - TestModels.WINDOW) / TestModels.HOP + 1L);
        Set<String> keys = new HashSet<>();
        for (AnomalyScore s : scored) {
            assertTrue(keys.add(s.getEntityId() + "@" + s.getWindowEnd()), "window scored twice: " + s);
        }
        assertEquals(expected, keys.size(), "a window was lost");
        Set<String> versions = new HashSet<>();
        scored.forEach(s -> versions.add(s.getModelVersion()));
        assertEquals(Set.of(a.card().version(), b.card().version()), versions);
        for (String entity : ENTITIES) {
            List<AnomalyScore> mine = scored.stream().filter(s -> s.getEntityId().equals(entity)).toList();
            int firstB = 0;
            while (firstB < mine.size() && mine.get(firstB).getModelVersion().equals(a.card().version())) {
                firstB++;
            }
            for (int i = firstB; i < mine.size(); i++) {
                assertEquals(b.card().version(), mine.get(i).getModelVersion(), entity + " went back to the old model");
            }
        }
        List<AnomalyAlert> raised = BrokerData.alerts(alerts);
        assertEquals(ENTITIES.size(), raised.stream().filter(x -> x.getStatus() == AlertStatus.OPEN).count(),
                () -> "one incident per entity after the swap: " + raised);
        assertTrue(raised.stream().allMatch(x -> x.getModelVersion().equals(b.card().version())),
                "alerts after the swap name the new version");
    }

}
