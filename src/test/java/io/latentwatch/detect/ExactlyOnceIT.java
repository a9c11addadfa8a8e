package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.it.DetectorProcess;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once across a crash: the real {@code detect} command, micro-batching, is killed with
 * SIGKILL mid-stream (with windows pending in its batch store) and restarted; a read_committed
 * consumer must then see exactly the alerts an uninterrupted run produces, each once.
 */
class ExactlyOnceIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private String killedAt = "";

    @Test
    void anUninterruptedDetectorProcessPublishesWhatTheTopologyTestDriverPredicts() throws Exception {
        runScenario(false);
    }

    @Test
    void aKilledAndRestartedDetectorPublishesEveryAlertExactlyOnce() throws Exception {
        runScenario(true);
    }

    private void runScenario(boolean kill) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String input = "eos-readings-" + suffix;
        String alerts = "eos-alerts-" + suffix;
        String appId = "eos-detector-" + suffix;
        String scores = "eos-scores-" + suffix;
        KafkaTestCluster.createTopics(1, scores);
        KafkaTestCluster.createTopics(2, input);
        KafkaTestCluster.createTopics(1, alerts);

        List<Reading> readings = DetectorTopologyTest.plant(1200, 77, r -> {
            if (r.step() >= 300 && r.step() < 330) {
                r.values()[1] += 40;
            }
            if (r.step() >= 800 && r.step() < 840) {
                r.values()[2] += 8;
            }
            return r;
        }, "pump-a", "pump-b", "pump-c");
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (Reading r : readings) {
            records.add(Map.entry(r.entity(), BrokerData.encode(r)));
        }
        KafkaTestCluster.produce(input, records);

        DetectorConfig config = DetectorConfig.defaults().withTopics(input, alerts)
                .withBatching(64, Duration.ofSeconds(1));
        Path model = dir.resolve("model");
        List<AnomalyAlert> reference;
        try (io.latentwatch.model.DetectorModel loaded = TestModels.load(model)) {
            reference = DetectorTopologyTest.run(loaded, dir.resolve("reference-state"), config, readings, List.of())
                    .alerts();
        }
        List<String> expected = reference.stream().map(AnomalyAlert::getAlertId).toList();
        assertTrue(reference.stream().filter(a -> a.getStatus() == AlertStatus.CLOSED).count() >= 2,
                "the reference run should raise and close two incidents: " + expected);
        Path log = dir.resolve("detector.log");
        String[] args = {"--bootstrap-servers", KafkaTestCluster.bootstrapServers(), "--model", model.toString(),
            "--input", input, "--alerts", alerts, "--application-id", appId,
            "--state-dir", dir.resolve("state").toString(), "--score-batch-size", "64", "--flush-interval", "1s",
            "--scores-topic", scores};
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestCluster.bootstrapServers()))) {
            if (kill) {
                try (DetectorProcess first = DetectorProcess.start(log, args)) {
                    await(() -> committed(admin, appId, input) >= records.size() / 4, log,
                            "a quarter of the input committed");
                    first.kill();
                }
                long atKill = committed(admin, appId, input);
                killedAt = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get().toString();
                assertTrue(atKill < records.size(), "killed after everything was committed; the test proves nothing");
            }
            try (DetectorProcess second = DetectorProcess.start(log, args)) {
                await(() -> committed(admin, appId, input) >= records.size(), log, "all input committed");
                await(() -> alertIds(alerts).size() >= expected.size(), log,
                        () -> "all alerts committed; expected " + expected + " and have " + alertIds(alerts)
                                + "; offsets at kill " + killedAt + "; windows scored: " + scoresOf(scores));
                second.terminate();
            }
        }
        List<String> seen = alertIds(alerts);
        assertEquals(expected, seen, "alerts after kill -9 and restart differ from an uninterrupted run");
        assertEquals(seen.size(), seen.stream().distinct().count(), "an alert was duplicated");
        assertTrue(Files.readString(log).contains("detector closed cleanly"), "SIGTERM should close the detector cleanly");
    }

    private static List<String> alertIds(String topic) {
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : KafkaTestCluster.consumeAll(topic, Duration.ofSeconds(5))) {
            ids.add(AvroSerdes.alerts().decode(r.value()).getAlertId());
        }
        return ids;
    }

    private static String scoresOf(String topic) {
        StringBuilder s = new StringBuilder();
        for (ConsumerRecord<String, byte[]> r : KafkaTestCluster.consumeAll(topic, Duration.ofSeconds(5))) {
            io.latentwatch.avro.AnomalyScore score = AvroSerdes.scores().decode(r.value());
            long step = (score.getWindowEnd().toEpochMilli() - TestModels.START) / TestModels.STEP_MS;
            s.append(String.format(java.util.Locale.ROOT, " %s@%d", score.getEntityId(), step));
        }
        return s.toString();
    }

    private static long committed(Admin admin, String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                    .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
        } catch (Exception e) {
            return 0;
        }
    }

    private static void await(BooleanSupplier condition, Path log, String what) throws Exception {
        await(condition, log, () -> what);
    }

    private static void await(BooleanSupplier condition, Path log, java.util.function.Supplier<String> what)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get() + "; detector log:\n"
                        + (Files.exists(log) ? Files.readString(log) : "(none)"));
            }
            Thread.sleep(100);
        }
    }
}
