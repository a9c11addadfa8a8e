package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.model.ModelRegistry;
import io.latentwatch.model.ModelSource;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.train.ModelTrainer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model swapped while the topology runs: later windows are scored by the new model and name it,
 * no window is lost or scored twice, and bad or incompatible models are refused while the running
 * one keeps scoring.
 */
class ModelSwapTopologyTest {
    private static final int STEPS = 900;
    private static final int SWAP_AT = 310;

    @TempDir
    Path dir;

    private final ModelTrainer.Trained a = TestModels.trained();
    private final ModelTrainer.Trained b = TestModels.retrained();
    private final DetectorConfig config = DetectorConfig.defaults().withOptionalTopics("scores", null, null)
            .withBatching(64, Duration.ofMillis(100));
    /** Anomalies on pump-a: one scored by A, one by B. */
    private final List<Reading> readings = DetectorTopologyTest.plant(STEPS, 21, r -> {
        if (r.step() >= 200 && r.step() < 230 || r.step() >= 450 && r.step() < 480) {
            r.values()[1] += 40;
        }
        return r;
    }, "pump-a", "pump-b");

    /** Drives one topology; pipes readings, flushes pending batches, collects what came out. */
    private final class Driven implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, byte[]> input;
        final TestOutputTopic<String, AnomalyScore> scores;
        final TestOutputTopic<String, AnomalyAlert> alerts;
        final List<AnomalyScore> scored = new ArrayList<>();
        final List<AnomalyAlert> alerted = new ArrayList<>();
        int next;

        Driven(ModelSource models, String stateDir) {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "swap-test");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(stateDir).toString());
            driver = new TopologyTestDriver(DetectorTopology.build(config, models, new DetectorStats()), props);
            input = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
            StringDeserializer keys = new StringDeserializer();
            scores = driver.createOutputTopic(config.scoresTopic(), keys, AvroSerdes.scoreSerde().deserializer());
            alerts = driver.createOutputTopic(config.alertsTopic(), keys, AvroSerdes.alertSerde().deserializer());
        }

        /** Pipes the readings of steps before {@code step}, without flushing a partial batch. */
        void pipeUntil(int step) {
            while (next < readings.size() && readings.get(next).step() < step) {
                Reading r = readings.get(next++);
                Map<String, Double> values = new HashMap<>();
                for (int c = 0; c < r.values().length; c++) {
                    values.put(TestModels.CHANNELS.get(c), r.values()[c]);
                }
                SensorReading reading = SensorReading.newBuilder().setEntityId(r.entity())
                        .setTimestamp(Instant.ofEpochMilli(r.timestamp())).setReadings(values).build();
                input.pipeInput(r.entity(), AvroSerdes.readings().encode(reading), r.timestamp());
            }
            collect();
        }

        void flush() {
            driver.advanceWallClockTime(config.flushInterval().plusMillis(1));
            collect();
        }

        private void collect() {
            scored.addAll(scores.readValuesToList());
            alerted.addAll(alerts.readValuesToList());
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static String key(AnomalyScore s) {
        return s.getEntityId() + "@" + s.getWindowEnd().toEpochMilli();
    }

    /** Every window's score from a run with one fixed model from start to end. */
    private Map<String, Double> reference(ModelTrainer.Trained trained, String name) {
        Path modelDir = dir.resolve(name);
        ModelFiles.write(modelDir, trained.card(), trained.onnx());
        try (DetectorModel model = DetectorModel.load(modelDir);
             Driven run = new Driven(ModelSource.fixed(model), "state-" + name)) {
            run.pipeUntil(STEPS);
            run.flush();
            Map<String, Double> byWindow = new HashMap<>();
            for (AnomalyScore s : run.scored) {
                assertEquals(null, byWindow.put(key(s), s.getScore()), "window scored twice: " + key(s));
            }
            return byWindow;
        }
    }

    @Test
    void aSwappedModelScoresEveryLaterWindowOnceAndBadModelsAreRefused() throws java.io.IOException {
        String versionA = a.card().version();
        String versionB = b.card().version();
        assertNotEquals(versionA, versionB);
        assertFalse(Arrays.equals(a.card().features().mean(), b.card().features().mean()),
                "B should normalise differently, so that renormalisation is exercised");
        Map<String, Double> onlyA = reference(a, "a");
        Map<String, Double> onlyB = reference(b, "b");
        assertEquals(2 * ((STEPS - TestModels.WINDOW) / TestModels.HOP + 1), onlyA.size());

        Path live = dir.resolve("live");
        ModelFiles.write(live, a.card(), a.onnx());
        long swapTime;
        try (ModelRegistry registry = ModelRegistry.open(live);
             Driven run = new Driven(registry, "state-live")) {
            run.pipeUntil(300);
            run.flush();
            run.pipeUntil(SWAP_AT); // leaves windows cut by A pending, to be scored by B
            assertFalse(run.scored.isEmpty());
            swapTime = run.scored.get(run.scored.size() - 1).getWindowEnd().toEpochMilli();
            ModelFiles.write(live, b.card(), b.onnx());
            assertEquals(ModelRegistry.Poll.SWAPPED, registry.pollOnce());
            run.pipeUntil(600);
            run.flush();

            for (ModelFiles.LoadedModel bad : badModels()) {
                // write() stores the card and bytes as given; it computes no hash.
                ModelFiles.write(live, bad.card(), bad.onnx());
                assertEquals(ModelRegistry.Poll.REFUSED, registry.pollOnce(), bad.dir().toString());
                run.pipeUntil(run.next < readings.size() ? readings.get(run.next).step() + 50 : STEPS);
            }
            Files.writeString(live.resolve(ModelFiles.CARD), "{ \"name\" : ", StandardCharsets.UTF_8);
            assertEquals(ModelRegistry.Poll.REFUSED, registry.pollOnce());
            assertEquals(5, registry.refusals());
            run.pipeUntil(STEPS);
            run.flush();

            Map<String, AnomalyScore> byWindow = new HashMap<>();
            for (AnomalyScore s : run.scored) {
                assertEquals(null, byWindow.put(key(s), s), "window scored twice: " + key(s));
            }
            assertEquals(onlyA.keySet(), byWindow.keySet(), "every window scored exactly once across the swap");
            for (AnomalyScore s : run.scored) {
                boolean beforeSwap = s.getWindowEnd().toEpochMilli() <= swapTime;
                assertEquals(beforeSwap ? versionA : versionB, s.getModelVersion(), key(s));
                double expected = (beforeSwap ? onlyA : onlyB).get(key(s));
                assertEquals(expected, s.getScore(), 1e-5 * Math.max(1, expected), key(s));
            }
            List<AnomalyAlert> byA = run.alerted.stream().filter(x -> x.getModelVersion().equals(versionA)).toList();
            List<AnomalyAlert> byB = run.alerted.stream().filter(x -> x.getModelVersion().equals(versionB)).toList();
            assertEquals(run.alerted.size(), byA.size() + byB.size());
            assertFalse(byA.isEmpty(), "the first anomaly is alerted by A");
            assertFalse(byB.isEmpty(), "the second anomaly is alerted by B");
            assertTrue(byA.stream().allMatch(x -> x.getWindowEnd().toEpochMilli() <= swapTime));
            assertTrue(byB.stream().allMatch(x -> x.getWindowEnd().toEpochMilli() > swapTime));
        }
    }

    /**
     * A tampered ONNX under a card with the real hash, a graph of another input size and a truncated one
     * under cards with their hashes, and one with another hop.
     */
    private List<ModelFiles.LoadedModel> badModels() {
        byte[] tampered = a.onnx().clone();
        tampered[tampered.length / 2] ^= 1;
        byte[] cut = Arrays.copyOf(a.onnx(), a.onnx().length / 3);
        ModelCard card = a.card();
        ModelCard forged = new ModelCard(card.formatVersion(), card.name(), card.version(), card.trainerVersion(),
                card.data(), card.features(), card.architecture(), card.training(), card.threshold(),
                card.validationScores(), new ModelCard.Onnx(ModelFiles.ONNX, ModelFiles.sha256(cut), 13, "input",
                        card.onnx().outputs()), card.calibration());
        ModelCard.Features f = card.features();
        ModelCard otherHop = new ModelCard(card.formatVersion(), card.name(), card.version(), card.trainerVersion(),
                card.data(), new ModelCard.Features(f.channels(), f.window(), 2 * f.hop(), f.mean(), f.std(),
                        f.gapPolicy()), card.architecture(), card.training(), card.threshold(), card.validationScores(),
                card.onnx(), card.calibration());
        ModelTrainer.Trained otherSize = TestModels.withOtherInputSize();
        return List.of(new ModelFiles.LoadedModel(Path.of("tampered"), card, tampered),
                new ModelFiles.LoadedModel(Path.of("other-input-size"), otherSize.card(), otherSize.onnx()),
                new ModelFiles.LoadedModel(Path.of("truncated"), forged, cut),
                new ModelFiles.LoadedModel(Path.of("other-hop"), otherHop, a.onnx()));
    }

    @Test
    void renormalisingMatchesNormalisingWithTheNewSpec() {
        FeatureSpec from = a.card().featureSpec();
        FeatureSpec to = b.card().featureSpec();
        double[] raw = {51.0, 99.5, 35.2, 48.0, 101.0, 34.9};
        float[] byFrom = new float[raw.length];
        float[] byTo = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            byFrom[i] = from.normalise(i % 3, raw[i]);
            byTo[i] = to.normalise(i % 3, raw[i]);
        }
        float[] renormalised = ScoringProcessor.renormalise(byFrom, from, to);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(byTo[i], renormalised[i], 1e-5);
        }
        assertTrue(ScoringProcessor.renormalise(byFrom, from, from) == byFrom);
    }
}
