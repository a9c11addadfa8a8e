package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.broker.EmbeddedKafka;
import io.latentwatch.detect.DetectorTopologyTest.Reading;
import io.latentwatch.it.DetectorProcess;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker restart while the real {@code detect} command runs: the broker goes down mid-stream
 * (cleanly, keeping its port and log directory) while readings keep arriving at the producer, and
 * comes back; the same detector process carries on by itself. Every window of the readings sent
 * before, during and after the outage is scored exactly once, and the alerts equal an
 * uninterrupted run's. Runs on a broker of its own: the shared one must not go away under other tests.
 */
class BrokerRestartIT {
    private static final List<String> ENTITIES = List.of("pump-a", "pump-b", "pump-c");
    private static final int STEPS = 1200;
    /** Readings of steps [OUTAGE_FROM, OUTAGE_TO) are sent while the broker is down. */
    private static final int OUTAGE_FROM = 400;
    private static final int OUTAGE_TO = 800;
    /**
     * How long the broker stays down: longer than the detector's transaction timeout (10 s under
     * exactly-once), so a transaction open at the stop may be aborted when the broker returns.
     */
    private static final Duration OUTAGE = Duration.ofSeconds(12);

    @TempDir
    Path dir;

    @Test
    void theDetectorRidesOutABrokerRestartWithoutLosingOrDuplicatingAWindow() throws Exception {
        String input = "restart-readings";
        String alerts = "restart-alerts";
        String scores = "restart-scores";
        List<Reading> readings = readings();
        Path model = dir.resolve("model");
        ModelFiles.write(model, TestModels.trained().card(), TestModels.trained().onnx());
        Path log = dir.resolve("detector.log");

        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            kafka.createTopics(2, input);
            kafka.createTopics(1, alerts, scores, input + ".dlq");
            DetectorTopologyTest.Run reference;
            List<String> windows;
            try (ReadingFeed feed = ReadingFeed.start(bootstrap, input, readings, 20, Duration.ofMillis(50),
                    OUTAGE_FROM);
                 DetectorProcess detector = DetectorProcess.start(log, "--bootstrap-servers", bootstrap,
                         "--model", model.toString(), "--input", input, "--alerts", alerts,
                         "--scores-topic", scores, "--application-id", "restart-detector",
                         "--state-dir", dir.resolve("state").toString(), "--http-port", "0")) {
                // the uninterrupted run to compare with, computed while the detector's JVM starts
                try (DetectorModel m = DetectorModel.load(model)) {
                    reference = DetectorTopologyTest.run(m, dir.resolve("reference"),
                            DetectorConfig.defaults().withTopics(input, alerts).withOptionalTopics(scores, null, null),
                            readings, List.of());
                }
                assertTrue(reference.with(AlertStatus.CLOSED).size() >= 2 * ENTITIES.size(),
                        "every entity should raise and close two incidents in the reference: " + reference.alerts());
                windows = reference.scores().stream().map(BrokerData::window).sorted().toList();
                await(() -> BrokerData.scores(bootstrap, scores).size() >= windows.size() / 6, log,
                        "the detector scoring the readings sent before the outage");

                kafka.stop();
                feed.allowUpTo(OUTAGE_TO); // the gateway keeps sending; its producer waits for the broker
                Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a wait for a result
                assertTrue(detector.isAlive(), "the detector exited while the broker was down:\n" + read(log));
                kafka.restart();

                feed.finish();
                await(() -> BrokerData.scores(bootstrap, scores).size() >= windows.size(), log,
                        "every window scored after the restart");
                await(() -> BrokerData.alerts(bootstrap, alerts).size() >= reference.alerts().size(), log,
                        "every alert committed after the restart");
                assertTrue(detector.isAlive(), "the same detector process should have carried on");
                detector.terminate();
            }
            List<String> scored = BrokerData.scores(bootstrap, scores).stream().map(BrokerData::window)
                    .sorted().toList();
            assertEquals(windows, scored, "windows scored across the broker restart differ from an uninterrupted "
                    + "run (missing or duplicated)");
            List<AnomalyAlert> seen = BrokerData.alerts(bootstrap, alerts);
            assertEquals(BrokerData.byEntity(reference.alerts()), BrokerData.byEntity(seen),
                    "alerts across the broker restart differ from an uninterrupted run");
            assertEquals(seen.size(), seen.stream().map(AnomalyAlert::getAlertId).distinct().count(),
                    "an alert was duplicated: " + seen);
        }
        assertTrue(read(log).contains("detector closed cleanly"), "SIGTERM should close the detector cleanly");
    }

    /** Every entity: one incident before the outage, one after it. */
    private static List<Reading> readings() {
        List<Reading> readings = DetectorTopologyTest.plant(STEPS, 41, r -> r, ENTITIES.toArray(new String[0]));
        for (Reading r : readings) {
            if (r.step() >= 300 && r.step() < 330) {
                r.values()[1] += 40;
            }
            if (r.step() >= 900 && r.step() < 940) {
                r.values()[2] += 8;
            }
        }
        return readings;
    }

    private static void await(BooleanSupplier condition, Path log, String what) throws Exception {
        long deadline = System.nanoTime() + BrokerData.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; detector log:\n" + read(log));
            }
            Thread.sleep(200);
        }
    }

    private static String read(Path log) throws java.io.IOException {
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
