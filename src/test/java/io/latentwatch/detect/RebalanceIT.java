package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.model.DetectorModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebalancing from one detector instance to two and back to one while readings keep arriving: the
 * first instance runs alone on a 4-partition input, a second joins and takes partitions over
 * (restoring their windows, thresholds and incidents from the changelogs), then the first leaves
 * cleanly and the second finishes alone with all four. Every window is scored exactly once and
 * the alerts equal a single uninterrupted instance's.
 */
class RebalanceIT {
    /** One entity per partition of the 4-partition input (murmur2 of the key: 0, 1, 2, 3). */
    private static final List<String> ENTITIES = List.of("pump-03", "pump-09", "pump-02", "pump-01");
    private static final int PARTITIONS = 4;
    private static final int STEPS = 1200;

    @TempDir
    Path dir;

    @Test
    void oneToTwoToOneInstancesUnderLoadScoreEveryWindowOnceAndAlertLikeOneInstance() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String input = "rebalance-readings-" + suffix;
        String alerts = "rebalance-alerts-" + suffix;
        String scores = "rebalance-scores-" + suffix;
        String appId = "rebalance-detector-" + suffix;
        KafkaTestCluster.createTopics(PARTITIONS, input);
        KafkaTestCluster.createTopics(1, alerts, scores, input + ".dlq");
        String bootstrap = KafkaTestCluster.bootstrapServers();
        Set<String> allPartitions = Set.copyOf(IntStream.range(0, PARTITIONS).mapToObj(p -> input + "-" + p).toList());

        List<Reading> readings = readings();
        DetectorConfig config = DetectorConfig.defaults().withTopics(input, alerts)
                .withOptionalTopics(scores, null, null);
        Path model = dir.resolve("model");
        DetectorTopologyTest.Run reference;
        try (DetectorModel m = TestModels.load(model)) {
            reference = DetectorTopologyTest.run(m, dir.resolve("reference"), config, readings, List.of());
        }
        assertTrue(reference.with(AlertStatus.CLOSED).size() >= 2 * ENTITIES.size(),
                "every entity should raise and close two incidents in the reference: " + reference.alerts());
        List<String> windows = reference.scores().stream().map(BrokerData::window).sorted().toList();

        String shared;
        try (ReadingFeed feed = ReadingFeed.start(bootstrap, input, readings, 6, Duration.ofMillis(100), 400);
             DetectorInstance first = DetectorInstance.start(config, model, bootstrap, appId, dir.resolve("state-1"))) {
            BrokerData.await(() -> first.owned(input).equals(allPartitions)
                    && first.stats().records() >= 100L * ENTITIES.size(), "the first instance working alone");
            try (DetectorInstance second = DetectorInstance.start(config, model, bootstrap, appId,
                    dir.resolve("state-2"))) {
                feed.allowUpTo(800); // steps 400-799 arrive while the second instance joins
                BrokerData.await(() -> !first.owned(input).isEmpty() && !second.owned(input).isEmpty()
                        && second.stats().records() > 0, "the second instance taking partitions over");
                shared = "first " + first.owned(input) + ", second " + second.owned(input);

                feed.allowUpTo(STEPS); // steps 800-1199 arrive while the first instance leaves
                first.leave(); // a clean scale-in: commits, then leaves the group at once
                BrokerData.await(() -> second.owned(input).equals(allPartitions),
                        "the second instance owning every partition");
                feed.finish();
                BrokerData.await(() -> BrokerData.scores(bootstrap, scores).size() >= windows.size(),
                        "every window scored");
                BrokerData.await(() -> BrokerData.alerts(bootstrap, alerts).size() >= reference.alerts().size(),
                        "every alert committed");
                assertEquals(KafkaStreams.State.RUNNING, second.streams().state());
            }
        }
        List<String> scored = BrokerData.scores(bootstrap, scores).stream().map(BrokerData::window).sorted().toList();
        assertEquals(windows, scored, "windows scored across 1 -> 2 -> 1 instances (" + shared
                + " while both ran) differ from one instance's: missing or duplicated");
        List<AnomalyAlert> seen = BrokerData.alerts(bootstrap, alerts);
        assertEquals(BrokerData.byEntity(reference.alerts()), BrokerData.byEntity(seen),
                "alerts across 1 -> 2 -> 1 instances differ from one instance's");
        assertEquals(seen.size(), seen.stream().map(AnomalyAlert::getAlertId).distinct().count(),
                "an alert was duplicated: " + seen);
    }

    /** Every entity: one incident while the first instance is alone, one after it left. */
    private static List<Reading> readings() {
        List<Reading> readings = DetectorTopologyTest.plant(STEPS, 29, r -> r, ENTITIES.toArray(new String[0]));
        for (Reading r : readings) {
            if (r.step() >= 200 && r.step() < 230) {
                r.values()[1] += 40;
            }
            if (r.step() >= 1000 && r.step() < 1040) {
                r.values()[2] += 8;
            }
        }
        return readings;
    }
}
