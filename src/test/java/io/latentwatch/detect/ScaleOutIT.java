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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out: two detector instances with one application id share a 4-partition input; each
 * entity's alerts come out exactly once; when one instance stops mid-stream the other takes over its
 * partitions with their restored windows, thresholds and incidents and carries on as if nothing
 * happened (the alerts equal an uninterrupted single-instance run).
 */
class ScaleOutIT {
    private static final List<String> ENTITIES = List.of("pump-a", "pump-b", "pump-c", "pump-d");

    @TempDir
    Path dir;

    @Test
    void twoInstancesShareTheWorkAndTheSurvivorContinuesWithRestoredState() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String input = "scale-readings-" + suffix;
        String alerts = "scale-alerts-" + suffix;
        String appId = "scale-detector-" + suffix;
        KafkaTestCluster.createTopics(4, input);
        KafkaTestCluster.createTopics(1, alerts, input + ".dlq");

        List<Reading> readings = DetectorTopologyTest.plant(1200, 17, r -> r, ENTITIES.toArray(new String[0]));
        for (Reading r : readings) {
            // every entity: one incident before the instance stops, one after
            if (r.step() >= 300 && r.step() < 330) {
                r.values()[1] += 40;
            }
            if (r.step() >= 850 && r.step() < 890) {
                r.values()[2] += 8;
            }
        }
        DetectorConfig config = DetectorConfig.defaults().withTopics(input, alerts);
        Path model = dir.resolve("model");
        List<AnomalyAlert> reference;
        try (DetectorModel m = TestModels.load(model)) {
            reference = DetectorTopologyTest.run(m, dir.resolve("reference"), config, readings, List.of()).alerts();
        }
        assertTrue(reference.stream().filter(a -> a.getStatus() == AlertStatus.CLOSED).count() >= 8,
                "every entity should raise and close two incidents in the reference: " + reference);

        String bootstrap = KafkaTestCluster.bootstrapServers();
        try (DetectorInstance a = DetectorInstance.start(config, model, bootstrap, appId, dir.resolve("state-a"));
             DetectorInstance b = DetectorInstance.start(config, model, bootstrap, appId, dir.resolve("state-b"))) {
            DetectorStats statsA = a.stats();
            DetectorStats statsB = b.stats();
            BrokerData.await(() -> a.streams().state() == KafkaStreams.State.RUNNING
                    && b.streams().state() == KafkaStreams.State.RUNNING,
                    "both instances running");
            List<Reading> firstHalf = readings.stream().filter(r -> r.step() < 600).toList();
            BrokerData.produce(input, firstHalf);
            BrokerData.await(() -> statsA.records() + statsB.records() >= firstHalf.size(),
                    "the first half processed");
            assertTrue(statsA.records() > 0 && statsB.records() > 0, "both instances should have had partitions: "
                    + statsA.records() + " and " + statsB.records());
            b.close();
            BrokerData.produce(input, readings.stream().filter(r -> r.step() >= 600).toList());
            long windows = ENTITIES.size() * ((1200 - TestModels.WINDOW) / TestModels.HOP + 1L);
            BrokerData.await(() -> statsA.windowsScored() + statsB.windowsScored() >= windows, "every window scored");
            BrokerData.await(() -> alertIds(alerts).size() >= reference.size(), "every alert committed");
        }
        List<AnomalyAlert> seen = BrokerData.alerts(alerts);
        assertEquals(BrokerData.byEntity(reference), BrokerData.byEntity(seen),
                "alerts differ from a single uninterrupted instance");
        assertEquals(seen.size(), seen.stream().map(AnomalyAlert::getAlertId).distinct().count(), "a duplicate");
    }

    private static Set<String> alertIds(String topic) {
        return BrokerData.alerts(topic).stream().map(AnomalyAlert::getAlertId).collect(Collectors.toSet());
    }

}
