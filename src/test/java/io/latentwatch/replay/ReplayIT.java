package io.latentwatch.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.cli.Main;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.detect.StreamsSettings;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay is a faithful backtest: on the same input topic it raises exactly the alerts (ids and
 * every field) that the live detector, a real exactly-once Kafka Streams application, published.
 */
class ReplayIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int STEPS = 1200;
    private static final List<String> ENTITIES = List.of("pump-a", "pump-b", "pump-c");

    @TempDir
    static Path dir;

    private static String input;
    private static int produced;

    @BeforeAll
    static void produceReadings() {
        input = "replay-readings-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaTestCluster.createTopics(2, input);
        Random noise = new Random(77);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestCluster.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < STEPS; i++) {
                for (String entity : ENTITIES) {
                    double[] row = TestModels.normalRow(i, noise);
                    if (entity.equals("pump-a") && i >= 300 && i < 330) {
                        row[1] += 40;
                    }
                    if (entity.equals("pump-c") && i >= 800 && i < 840) {
                        row[2] += 8;
                    }
                    long time = TestModels.START + i * TestModels.STEP_MS;
                    producer.send(new ProducerRecord<>(input, null, time, entity, encode(entity, time, row)));
                    produced++;
                }
            }
            producer.send(new ProducerRecord<>(input, null, TestModels.START + STEPS * TestModels.STEP_MS, "junk",
                    new byte[] {1, 2, 3}));
            produced++;
            producer.flush();
        }
    }

    @Test
    void aReplayRaisesExactlyTheAlertsTheLiveDetectorPublished() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String liveAlerts = "replay-live-alerts-" + suffix;
        String replayAlerts = "replay-out-" + suffix;
        KafkaTestCluster.createTopics(2, liveAlerts, replayAlerts);
        DetectorConfig config = DetectorConfig.defaults().withTopics(input, liveAlerts);
        try (DetectorModel model = TestModels.load(dir.resolve("model"))) {
            Map<String, List<AnomalyAlert>> live = byEntity(runLive(model, config, "replay-it-live-" + suffix,
                    liveAlerts));
            assertTrue(live.values().stream().flatMap(List::stream).filter(a -> a.getStatus() == AlertStatus.CLOSED)
                    .count() >= 2, () -> "the live detector should raise and close two incidents: " + live);

            ReplayRequest request = new ReplayRequest(Map.of("bootstrap.servers", KafkaTestCluster.bootstrapServers()),
                    input, ReplayRange.all(), config, replayAlerts, false, dir.resolve("replay-state"), TIMEOUT);
            ReplayResult result = Replay.run(request, model, ReplayProgress.NONE);
            Replay.publish(request, result);

            assertEquals(live, byEntity(result.alerts()), "replayed alerts differ from the live detector's");
            long expected = live.values().stream().mapToLong(List::size).sum();
            assertEquals(live, byEntity(readAtLeast(replayAlerts, expected)),
                    "published replay alerts differ from the live detector's");
            assertEquals(produced, result.recordsRead());
            assertEquals(1, result.stats().skipped());
            long windows = ENTITIES.size() * ((STEPS - TestModels.WINDOW) / TestModels.HOP + 1L);
            assertEquals(windows, result.stats().windowsScored());
            assertEquals(ENTITIES, result.report().tracks().stream().map(t -> t.name()).toList());
            assertEquals(windows, result.report().tracks().stream().mapToLong(t -> t.scores().size()).sum());
            assertEquals(STEPS, result.report().tracks().get(0).signal().size());
            assertEquals(2, result.report().tracks().stream().mapToLong(t -> t.incidents().size()).sum());
        }
    }

    @Test
    void aTimeRangeReplaysOnlyItsRecordsAndTheCommandWritesTheReport() throws Exception {
        Path report = dir.resolve("report-range");
        Instant from = Instant.ofEpochMilli(TestModels.START + 400 * TestModels.STEP_MS);
        Instant to = Instant.ofEpochMilli(TestModels.START + 700 * TestModels.STEP_MS);
        TestModels.load(dir.resolve("model-cli")).close();
        int code = Main.run("replay", "--bootstrap-servers", KafkaTestCluster.bootstrapServers(), "--topic", input,
                "--model", dir.resolve("model-cli").toString(), "--from", from.toString(), "--to", to.toString(),
                "--report", report.toString(), "--no-progress");
        assertEquals(0, code);
        JsonNode summary = new ObjectMapper().readTree(report.resolve("summary.json").toFile());
        assertEquals(300 * ENTITIES.size(), summary.at("/summary/records read").asInt());
        assertEquals(ENTITIES.size(), summary.at("/entities").size());
        String html = Files.readString(report.resolve("report.html"));
        assertEquals(ENTITIES.size(), html.split("<svg", -1).length - 1);

        assertEquals(1, Main.run("replay", "--bootstrap-servers", KafkaTestCluster.bootstrapServers(), "--topic", input,
                "--model", dir.resolve("model-cli").toString(), "--report", report.toString(), "--alerts-topic",
                DetectorConfig.DEFAULT_ALERTS, "--no-progress"), "the live alerts topic needs --force");
        assertThrows(LatentwatchException.class, () -> new ReplayRequest(Map.of("bootstrap.servers", "x:1"), input,
                null, DetectorConfig.defaults(), DetectorConfig.DEFAULT_ALERTS, false, null, TIMEOUT));
    }

    private static List<AnomalyAlert> runLive(DetectorModel model, DetectorConfig config, String appId,
                                              String alerts) throws InterruptedException {
        DetectorStats stats = new DetectorStats();
        long windows = ENTITIES.size() * ((STEPS - TestModels.WINDOW) / TestModels.HOP + 1L);
        try (KafkaStreams streams = new KafkaStreams(DetectorTopology.build(config, model, stats),
                StreamsSettings.of(KafkaTestCluster.bootstrapServers(), appId, dir.resolve("live-" + appId), null))) {
            streams.start();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (stats.records() < produced || stats.windowsScored() < windows) {
                if (streams.state() == KafkaStreams.State.ERROR || System.nanoTime() > deadline) {
                    fail("live detector: " + streams.state() + ", " + stats.records() + " records, "
                            + stats.windowsScored() + " windows");
                }
                Thread.sleep(50);
            }
            streams.close(Duration.ofSeconds(60));
        }
        return read(alerts);
    }

    /**
     * Reads the topic until it holds {@code count} committed alerts: commitTransaction may return
     * before the commit markers reach every partition, so one snapshot can miss a partition's records.
     */
    private static List<AnomalyAlert> readAtLeast(String topic, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<AnomalyAlert> out = read(topic);
        while (out.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            out = read(topic);
        }
        return out;
    }

    private static List<AnomalyAlert> read(String topic) {
        List<AnomalyAlert> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : KafkaTestCluster.consumeAll(topic, TIMEOUT)) {
            AnomalyAlert a = AvroSerdes.alerts().decode(r.value());
            assertEquals(a.getEntityId(), r.key(), "alerts are keyed by entity");
            out.add(a);
        }
        assertFalse(out.isEmpty(), "no alert on " + topic);
        return out;
    }

    /** Alerts per entity in the order raised: the order Kafka defines (one entity, one partition). */
    private static Map<String, List<AnomalyAlert>> byEntity(List<AnomalyAlert> alerts) {
        Map<String, List<AnomalyAlert>> out = new TreeMap<>();
        alerts.forEach(a -> out.computeIfAbsent(a.getEntityId(), e -> new ArrayList<>()).add(a));
        return out;
    }

    private static byte[] encode(String entity, long time, double[] row) {
        Map<String, Double> values = TestModels.byChannel(row);
        return AvroSerdes.readings().encode(SensorReading.newBuilder().setEntityId(entity)
                .setTimestamp(Instant.ofEpochMilli(time)).setReadings(values).build());
    }
}
