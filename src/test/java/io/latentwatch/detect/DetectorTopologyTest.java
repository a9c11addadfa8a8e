package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.DenoisedWindow;
import io.latentwatch.avro.LatentEmbedding;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.features.GapPolicy;
import io.latentwatch.features.TimeBuckets;
import io.latentwatch.features.TimeWindowSpec;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.threshold.ThresholdConfig;
import io.latentwatch.threshold.ThresholdKind;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector's decisions, driven through the real topology with TopologyTestDriver and a real model. */
class DetectorTopologyTest {
    @TempDir
    static Path dir;

    private static DetectorModel model;

    @BeforeAll
    static void loadModel() {
        model = TestModels.load(dir.resolve("model"));
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    /** One reading: entity, step index and values in TestModels.CHANNELS order. */
    record Reading(String entity, int step, double[] values) {
        long timestamp() {
            return TestModels.START + step * TestModels.STEP_MS;
        }
    }

    /** What a run of the topology produced. */
    record Run(List<AnomalyAlert> alerts, List<AnomalyScore> scores, List<LatentEmbedding> embeddings,
               List<DenoisedWindow> denoised, DetectorStats stats) {
        List<AnomalyAlert> with(AlertStatus status) {
            return alerts.stream().filter(a -> a.getStatus() == status).toList();
        }
    }

    static Run run(DetectorConfig config, List<Reading> readings, List<byte[]> garbage) {
        return run(model, dir.resolve("state"), config, readings, garbage);
    }

    /** Runs {@code readings} (and first {@code garbage}) through the topology; scores every pending batch. */
    static Run run(DetectorModel model, Path stateDir, DetectorConfig config, List<Reading> readings,
                   List<byte[]> garbage) {
        DetectorStats stats = new DetectorStats();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(config, model, stats), props)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(config.inputTopic(), new StringSerializer(),
                    new ByteArraySerializer());
            for (byte[] g : garbage) {
                input.pipeInput("junk", g);
            }
            for (Reading r : readings) {
                Map<String, Double> values = new HashMap<>();
                for (int c = 0; c < r.values().length; c++) {
                    if (!Double.isNaN(r.values()[c])) {
                        values.put(TestModels.CHANNELS.get(c), r.values()[c]); // NaN stands for "channel absent"
                    }
                }
                SensorReading reading = SensorReading.newBuilder().setEntityId(r.entity())
                        .setTimestamp(Instant.ofEpochMilli(r.timestamp())).setReadings(values).build();
                input.pipeInput(r.entity(), AvroSerdes.readings().encode(reading), r.timestamp());
            }
            driver.advanceWallClockTime(config.flushInterval().plusMillis(1));
            StringDeserializer keys = new StringDeserializer();
            List<AnomalyScore> scores = config.scoresTopic() == null ? List.of() : driver.createOutputTopic(
                    config.scoresTopic(), keys, AvroSerdes.scoreSerde().deserializer()).readValuesToList();
            List<LatentEmbedding> embeddings = config.embeddingsTopic() == null ? List.of() : driver.createOutputTopic(
                    config.embeddingsTopic(), keys, AvroSerdes.embeddingSerde().deserializer()).readValuesToList();
            List<DenoisedWindow> denoised = config.denoisedTopic() == null ? List.of() : driver.createOutputTopic(
                    config.denoisedTopic(), keys, AvroSerdes.denoisedSerde().deserializer()).readValuesToList();
            List<AnomalyAlert> alerts = driver.createOutputTopic(config.alertsTopic(), keys,
                    AvroSerdes.alertSerde().deserializer()).readValuesToList();
            return new Run(alerts, scores, embeddings, denoised, stats);
        }
    }

    /** Normal readings for each entity, with {@code disturb} applied to entity "pump-a" only. */
    static List<Reading> plant(int steps, long seed, UnaryOperator<Reading> disturb, String... entities) {
        Random noise = new Random(seed);
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            for (String e : entities) {
                Reading r = new Reading(e, i, TestModels.normalRow(i, noise));
                out.add(e.equals("pump-a") ? disturb.apply(r) : r);
            }
        }
        return out;
    }

    static UnaryOperator<Reading> shiftFlow(int from, int to, double by) {
        return r -> {
            if (r.step() >= from && r.step() < to) {
                r.values()[1] += by;
            }
            return r;
        };
    }

    static boolean overlaps(AnomalyAlert a, int fromStep, int toStep) {
        long from = TestModels.START + fromStep * TestModels.STEP_MS;
        long to = TestModels.START + (toStep - 1) * TestModels.STEP_MS;
        return a.getWindowEnd().toEpochMilli() >= from && a.getWindowStart().toEpochMilli() <= to;
    }

    @Test
    void normalSignalRaisesNoAlert() {
        Run run = run(DetectorConfig.defaults(), plant(1500, 99, UnaryOperator.identity(), "pump-a", "pump-b"),
                List.of());
        assertTrue(run.alerts().isEmpty(), () -> "unexpected alerts: " + run.alerts());
        assertEquals(2L * ((1500 - TestModels.WINDOW) / TestModels.HOP + 1), run.stats().windowsScored());
        assertTrue(run.stats().batches() < run.stats().windowsScored() / 10, "windows should be scored in batches");
    }

    @Test
    void oneAnomalyOpensOneIncidentOnceAndClosesItOnceNamingTheDisturbedChannel() {
        Run run = run(DetectorConfig.defaults(), plant(900, 5, shiftFlow(600, 630, 40), "pump-a", "pump-b"),
                List.of());
        List<AnomalyAlert> opened = run.with(AlertStatus.OPEN);
        List<AnomalyAlert> closed = run.with(AlertStatus.CLOSED);
        assertEquals(1, opened.size(), () -> "expected one incident: " + run.alerts());
        assertEquals(1, closed.size(), () -> "expected it to close once: " + run.alerts());
        AnomalyAlert open = opened.get(0);
        assertEquals("pump-a", open.getEntityId());
        assertTrue(overlaps(open, 600, 630), () -> "incident window outside the anomaly: " + open);
        assertTrue(open.getScore() > open.getThreshold());
        assertEquals("flow", open.getTopChannels().get(0).getChannel());
        assertEquals(model.version(), open.getModelVersion());
        assertEquals(open.getIncidentId(), closed.get(0).getIncidentId());
        assertEquals("flow", closed.get(0).getTopChannels().get(0).getChannel());
        assertTrue(run.alerts().stream().allMatch(a -> a.getEntityId().equals("pump-a")));
        assertEquals(1, run.stats().incidents());
    }

    @Test
    void batchCompositionDoesNotChangeDecisions() {
        List<Reading> input = plant(900, 11, shiftFlow(400, 440, 25), "pump-a", "pump-b", "pump-c");
        DetectorConfig withScores = DetectorConfig.defaults().withOptionalTopics("scores", null, null);
        Run one = run(withScores.withBatching(1, Duration.ofMillis(100)), input, List.of());
        Run many = run(withScores.withBatching(256, Duration.ofMillis(100)), input, List.of());
        Run odd = run(withScores.withBatching(7, Duration.ofMillis(100)), input, List.of());
        assertEquals(ids(one.alerts()), ids(many.alerts()));
        assertEquals(ids(one.alerts()), ids(odd.alerts()));
        assertFalse(one.alerts().isEmpty());
        assertEquals(one.scores().size(), many.scores().size());
        for (int i = 0; i < one.scores().size(); i++) {
            assertEquals(one.scores().get(i).getScore(), many.scores().get(i).getScore(), 1e-6);
        }
        assertTrue(many.stats().batches() < one.stats().batches() / 50);
    }

    private static List<String> ids(List<AnomalyAlert> alerts) {
        return alerts.stream().map(AnomalyAlert::getAlertId).toList();
    }

    @Test
    void outOfOrderReadingsWithinTheGraceGiveTheSameAlertsAndLaterOnesAreCountedLate() {
        List<Reading> ordered = plant(800, 21, shiftFlow(500, 530, 40), "pump-a");
        List<Reading> shuffled = new ArrayList<>(ordered);
        Random random = new Random(4);
        for (int start = 0; start + 4 <= shuffled.size(); start += 4) {
            Collections.shuffle(shuffled.subList(start, start + 4), random);
        }
        DetectorConfig grace = DetectorConfig.defaults().withGrace(5 * TestModels.STEP_MS);
        Run inOrder = run(grace, ordered, List.of());
        Run reordered = run(grace, shuffled, List.of());
        assertEquals(ids(inOrder.alerts()), ids(reordered.alerts()));
        assertEquals(0, reordered.stats().late());

        List<Reading> withLate = new ArrayList<>(ordered);
        withLate.add(new Reading("pump-a", 10, TestModels.normalRow(10, random)));
        Run late = run(grace, withLate, List.of());
        assertEquals(1, late.stats().late());
        assertEquals(ids(inOrder.alerts()), ids(late.alerts()));
    }

    @Test
    void optionalTopicsCarryEveryWindowsScoreLatentAndReconstructionInOriginalUnits() {
        DetectorConfig config = DetectorConfig.defaults().withOptionalTopics("scores", "embeddings", "denoised");
        List<Reading> input = plant(200, 2, UnaryOperator.identity(), "pump-a");
        Run run = run(config, input, List.of());
        int windows = (200 - TestModels.WINDOW) / TestModels.HOP + 1;
        assertEquals(windows, run.scores().size());
        assertEquals(windows, run.embeddings().size());
        assertEquals(windows, run.denoised().size());
        assertEquals(model.card().architecture().latent(), run.embeddings().get(0).getLatent().size());
        AnomalyScore s = run.scores().get(0);
        assertEquals(java.util.Set.copyOf(TestModels.CHANNELS), s.getChannelErrors().keySet());
        assertFalse(s.getAboveThreshold());
        DenoisedWindow d = run.denoised().get(windows - 1);
        assertEquals(TestModels.WINDOW, d.getValues().size());
        assertEquals(d.getWindowEnd(), d.getTimestamps().get(TestModels.WINDOW - 1));
        // the reconstruction of the last step is close to the reading, in the reading's own units
        Reading last = input.get(input.size() - 1);
        for (int c = 0; c < 3; c++) {
            double reconstructed = d.getValues().get(TestModels.WINDOW - 1).get(c);
            assertEquals(last.values()[c], reconstructed, 0.2 * Math.abs(last.values()[c]) + 2,
                    "channel " + TestModels.CHANNELS.get(c));
        }
    }

    @Test
    void undecodableRecordsAreSkippedAndCountedAndProcessingContinues() {
        Run run = run(DetectorConfig.defaults(), plant(100, 3, UnaryOperator.identity(), "pump-a"),
                java.util.Arrays.asList(new byte[] {1, 2, 3}, null, new byte[0]));
        assertEquals(3, run.stats().skipped());
        assertEquals(103, run.stats().records());
        assertTrue(run.stats().windowsScored() > 0);
    }

    @Test
    void eventTimeWindowsChosenByTheModelCardAggregateReadingsBeforeScoring(@TempDir Path tmp) {
        TimeWindowSpec time = new TimeWindowSpec(4 * TestModels.STEP_MS, 2 * TestModels.STEP_MS,
                List.of(TimeWindowSpec.Aggregate.MEAN, TimeWindowSpec.Aggregate.STD, TimeWindowSpec.Aggregate.MIN,
                        TimeWindowSpec.Aggregate.MAX));
        TimeSeries rows = TimeBuckets.summarise(TestModels.normalSeries(8000, 1), time);
        ModelTrainer.Trained trained = ModelTrainer.train(rows, new ModelCard.DataSource("synthetic", "csv", 0, 8000),
                TestModels.options("time-model", 3), EpochListener.NONE);
        ModelCard card = trained.card().withTimeWindow(time, TestModels.CHANNELS);
        assertEquals(TestModels.CHANNELS, card.inputChannels());
        ModelFiles.write(tmp.resolve("model"), card, trained.onnx());
        try (DetectorModel timeModel = DetectorModel.load(tmp.resolve("model"))) {
            Run normal = run(timeModel, tmp.resolve("normal"), DetectorConfig.defaults(),
                    plant(3000, 42, UnaryOperator.identity(), "pump-a"), List.of());
            assertTrue(normal.alerts().isEmpty(), () -> "unexpected alerts: " + normal.alerts());
            long buckets = 3000 / 2 - 1;
            assertEquals((buckets - TestModels.WINDOW) / TestModels.HOP + 1, normal.stats().windowsScored());

            Run shifted = run(timeModel, tmp.resolve("shifted"), DetectorConfig.defaults(),
                    plant(3000, 43, shiftFlow(1500, 1600, 40), "pump-a"), List.of());
            List<AnomalyAlert> opened = shifted.with(AlertStatus.OPEN);
            assertEquals(1, opened.size(), () -> "expected one incident: " + shifted.alerts());
            assertTrue(overlaps(opened.get(0), 1500, 1600), () -> "incident outside the anomaly: " + opened);
            assertTrue(opened.get(0).getTopChannels().get(0).getChannel().startsWith("flow."),
                    () -> "explanation should name a flow aggregate: " + opened.get(0).getTopChannels());
        }
    }

    /**
     * A slow drift of one channel (flow rising by 30 units over 1,500 readings, then staying there),
     * scored with the same risk by SPOT (a threshold on the raw score) and by DSPOT (on the score
     * minus the mean of its recent normal scores). What the data says: both open one incident on it,
     * once the drift has moved the reconstruction error above their threshold, because scores judged
     * anomalous never update DSPOT's local mean; neither alerts on the normal signal. Where they
     * differ is a drift of the error level itself that stays below the alert threshold at every step
     * (a benign, slowly changing noise level): there SPOT alarms and DSPOT follows it
     * ({@code ThresholdComparisonTest}: 185 alarms against 1).
     */
    @Test
    void aSlowDriftOpensOneIncidentWithSpotAndWithDspot() {
        UnaryOperator<Reading> drift = r -> {
            r.values()[1] += 30.0 * Math.min(1.0, Math.max(0, r.step() - 500) / 1500.0);
            return r;
        };
        List<Reading> input = plant(3000, 31, drift, "pump-a");
        for (ThresholdKind kind : List.of(ThresholdKind.SPOT, ThresholdKind.DSPOT)) {
            DetectorConfig config = DetectorConfig.defaults().withThreshold(ThresholdConfig.defaults(kind));
            Run run = run(config, input, List.of());
            List<AnomalyAlert> opened = run.with(AlertStatus.OPEN);
            assertEquals(1, opened.size(), () -> kind + " should open one incident: " + run.alerts());
            assertTrue(opened.get(0).getWindowEnd().toEpochMilli() > TestModels.START + 500 * TestModels.STEP_MS,
                    () -> kind + " alerted before the drift began: " + opened);
            assertEquals("flow", opened.get(0).getTopChannels().get(0).getChannel());
            Run normal = run(config, plant(3000, 31, UnaryOperator.identity(), "pump-a"), List.of());
            assertTrue(normal.alerts().isEmpty(), () -> kind + " alerted on a normal signal: " + normal.alerts());
        }
    }

    @Test
    void missingChannelsFollowTheGapPolicyAndAreCounted() {
        // flow is absent from 10 readings in a row at steps 400-409
        UnaryOperator<Reading> gap = r -> {
            if (r.step() >= 400 && r.step() < 410) {
                r.values()[1] = Double.NaN;
            }
            return r;
        };
        List<Reading> input = plant(800, 13, gap, "pump-a");
        Run carried = run(DetectorConfig.defaults(), input, List.of());
        assertEquals(10, carried.stats().imputed());
        assertEquals(0, carried.stats().skippedWindows());
        // a flow value held for 10 readings of a periodic signal looks like a stuck sensor: one incident
        assertEquals(1, carried.with(AlertStatus.OPEN).size(), () -> "carried: " + carried.alerts());

        Run skipped = run(DetectorConfig.defaults().withGapPolicy(new GapPolicy(GapPolicy.Mode.SKIP_WINDOW, 0, 0)),
                input, List.of());
        // every window holding one of the 10 filled readings is skipped: the six ending at 403, 407, ..., 423
        assertEquals(6, skipped.stats().skippedWindows());
        assertEquals(carried.stats().windowsScored() - 6, skipped.stats().windowsScored());
        assertTrue(skipped.alerts().isEmpty(), () -> "windows with filled values are not scored: " + skipped.alerts());
    }
}
