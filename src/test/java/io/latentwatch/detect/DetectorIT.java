package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/** The detector as a real exactly-once Kafka Streams application on the shared test broker. */
class DetectorIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int ROWS = 600;
    private static final int SHIFT_FROM = 300;
    private static final int SHIFT_TO = 330;

    @TempDir
    Path dir;

    private String input;
    private String alerts;
    private String applicationId;

    @BeforeEach
    void names(TestInfo test) {
        String id = test.getTestMethod().orElseThrow().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        input = "readings-" + id;
        alerts = "alerts-" + id;
        applicationId = "detector-it-" + id;
        KafkaTestCluster.createTopics(2, input, alerts);
    }

    @Test
    void levelShiftOnOneEntityIsAlertedOnceForThatEntityOnly() throws InterruptedException {
        Random noise = new Random(5);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            records.add(reading("pump-b", i, TestModels.normalRow(i, noise)));
            double[] row = TestModels.normalRow(i, noise);
            if (i >= SHIFT_FROM && i < SHIFT_TO) {
                row[1] += 40; // flow jumps while load does not: a broken relation
            }
            records.add(reading("pump-a", i, row));
        }
        KafkaTestCluster.produce(input, records);

        DetectorStats stats = new DetectorStats();
        try (DetectorModel model = TestModels.load(dir.resolve("model"))) {
            try (Detector detector = startDetector(model, stats)) {
                detector.await("all " + records.size() + " readings processed",
                        () -> stats.records() >= records.size(), () -> "records " + stats.records());
                // Alerts become visible to read_committed consumers while the detector runs.
                assertFalse(KafkaTestCluster.consume(alerts, 1, TIMEOUT).isEmpty(), "no committed alert");
            }
            List<AnomalyAlert> raised = readAlerts();

            assertFalse(raised.isEmpty(), "the level shift was not detected");
            long anomalyStart = TestModels.START + SHIFT_FROM * TestModels.STEP_MS;
            long anomalyEnd = TestModels.START + (SHIFT_TO - 1) * TestModels.STEP_MS;
            Set<String> ids = new HashSet<>();
            for (AnomalyAlert a : raised) {
                assertEquals("pump-a", a.getEntityId(), () -> "alert for the wrong entity: " + a);
                assertTrue(a.getWindowEnd().toEpochMilli() >= anomalyStart
                        && a.getWindowStart().toEpochMilli() <= anomalyEnd, () -> "alert outside the anomaly: " + a);
                assertTrue(a.getScore() > a.getThreshold(), () -> "alert below its threshold: " + a);
                assertEquals("flow", a.getTopChannels().get(0).getChannel(), () -> "top channel: " + a);
                assertEquals(model.version(), a.getModelVersion());
                assertTrue(ids.add(a.getAlertId()), () -> "duplicate alert " + a.getAlertId() + " in " + raised);
            }
            assertTrue(raised.size() <= stats.alerts(), raised.size() + " committed > " + stats.alerts() + " raised");
            assertEquals(1, raised.stream().filter(a -> a.getStatus() == AlertStatus.OPEN).count(),
                    () -> "expected exactly one incident: " + raised);
            assertEquals(0, stats.skipped());
        }
    }

    @Test
    void undecodableRecordsAreSkippedAndProcessingContinues() throws InterruptedException {
        Random noise = new Random(3);
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        records.add(new AbstractMap.SimpleEntry<>("pump-c", new byte[] {1, 2, 3}));
        for (int i = 0; i < 100; i++) {
            records.add(reading("pump-c", i, TestModels.normalRow(i, noise)));
            if (i == 50) {
                records.add(new AbstractMap.SimpleEntry<>("pump-c", null));
            }
        }
        KafkaTestCluster.produce(input, records);

        DetectorStats stats = new DetectorStats();
        try (DetectorModel model = TestModels.load(dir.resolve("model"));
             Detector detector = startDetector(model, stats)) {
            detector.await("all " + records.size() + " records read",
                    () -> stats.records() >= records.size(), () -> "records " + stats.records());
            assertEquals(2, stats.skipped());
            long windows = (100 - TestModels.WINDOW) / TestModels.HOP + 1;
            detector.await("every window of the good readings scored", () -> stats.windowsScored() >= windows,
                    () -> "windows " + stats.windowsScored());
            assertEquals(windows, stats.windowsScored());
            assertNotEquals(KafkaStreams.State.ERROR, detector.streams.state());
        }
    }

    private static Map.Entry<String, byte[]> reading(String entity, int i, double[] row) {
        Map<String, Double> values = TestModels.byChannel(row);
        SensorReading r = SensorReading.newBuilder().setEntityId(entity)
                .setTimestamp(Instant.ofEpochMilli(TestModels.START + i * TestModels.STEP_MS))
                .setReadings(values).build();
        return Map.entry(entity, AvroSerdes.readings().encode(r));
    }

    /** Every committed alert; call after the detector closed, so no transaction is still open. */
    private List<AnomalyAlert> readAlerts() {
        List<AnomalyAlert> out = new ArrayList<>();
        try (Deserializer<AnomalyAlert> deserializer = AvroSerdes.alertSerde().deserializer()) {
            for (ConsumerRecord<String, byte[]> r : KafkaTestCluster.consumeAll(alerts, TIMEOUT)) {
                AnomalyAlert alert = deserializer.deserialize(alerts, r.value());
                assertEquals(alert.getEntityId(), r.key(), "alerts are keyed by entity");
                out.add(alert);
            }
        }
        return out;
    }

    private Detector startDetector(DetectorModel model, DetectorStats stats) {
        Properties props = StreamsSettings.of(KafkaTestCluster.bootstrapServers(), applicationId,
                dir.resolve("state"), null);
        KafkaStreams streams = new KafkaStreams(
                DetectorTopology.build(DetectorConfig.defaults().withTopics(input, alerts), model, stats), props);
        Detector detector = new Detector(streams);
        streams.setUncaughtExceptionHandler(e -> {
            detector.failure.set(e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return detector;
    }

    /** A started detector; closing it closes the streams, which commits the open transaction. */
    private static final class Detector implements AutoCloseable {
        final KafkaStreams streams;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Detector(KafkaStreams streams) {
            this.streams = streams;
        }

        /** Polls {@code condition} until it holds; fails early if the streams died, or after the timeout. */
        void await(String what, BooleanSupplier condition, Supplier<String> progress) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!condition.getAsBoolean()) {
                KafkaStreams.State state = streams.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                        || System.nanoTime() > deadline) {
                    fail("gave up waiting for " + what + ": streams " + state + ", " + progress.get()
                            + (failure.get() == null ? "" : ", failed with " + failure.get()));
                }
                Thread.sleep(50);
            }
        }

        @Override
        public void close() {
            streams.close(Duration.ofSeconds(60));
        }
    }
}
