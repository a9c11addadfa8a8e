package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTopologyTest {
    @TempDir
    Path dir;

    private DetectorModel model;
    private DetectorStats stats;
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> input;
    private TestOutputTopic<String, AnomalyAlert> alerts;

    @BeforeEach
    void start() {
        model = TestModels.load(dir.resolve("model"));
        stats = new DetectorStats();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        DetectorConfig config = DetectorConfig.defaults();
        driver = new TopologyTestDriver(DetectorTopology.build(config, model, stats), props);
        input = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(config.alertsTopic(), new StringDeserializer(),
                AvroSerdes.alertSerde().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        model.close();
    }

    private void send(String entity, int i, double[] row) {
        Map<String, Double> values = new HashMap<>();
        for (int c = 0; c < row.length; c++) {
            values.put(TestModels.CHANNELS.get(c), row[c]);
        }
        long ts = TestModels.START + i * TestModels.STEP_MS;
        SensorReading r = SensorReading.newBuilder().setEntityId(entity).setTimestamp(Instant.ofEpochMilli(ts))
                .setReadings(values).build();
        input.pipeInput(entity, AvroSerdes.readings().encode(r), ts);
    }

    @Test
    void normalSignalRaisesNoAlert() {
        Random noise = new Random(99);
        for (int i = 0; i < 1500; i++) {
            send("pump-a", i, TestModels.normalRow(i, noise));
        }
        assertTrue(alerts.isEmpty(), () -> "unexpected alerts: " + alerts.readValuesToList());
        assertEquals((1500 - TestModels.WINDOW) / TestModels.HOP + 1, stats.windowsScored());
    }

    @Test
    void injectedLevelShiftRaisesAnAlertForTheRightEntityWindowAndChannel() {
        Random noise = new Random(5);
        int from = 600;
        int to = 630;
        for (int i = 0; i < 900; i++) {
            send("pump-b", i, TestModels.normalRow(i, noise));
            double[] row = TestModels.normalRow(i, noise);
            if (i >= from && i < to) {
                row[1] += 40; // flow jumps while load does not: a broken relation
            }
            send("pump-a", i, row);
        }
        List<AnomalyAlert> raised = alerts.readValuesToList();
        assertFalse(raised.isEmpty(), "the level shift was not detected");
        long anomalyStart = TestModels.START + from * TestModels.STEP_MS;
        long anomalyEnd = TestModels.START + (to - 1) * TestModels.STEP_MS;
        for (AnomalyAlert a : raised) {
            assertEquals("pump-a", a.getEntityId());
            assertTrue(a.getWindowEnd().toEpochMilli() >= anomalyStart
                    && a.getWindowStart().toEpochMilli() <= anomalyEnd, () -> "alert outside the anomaly: " + a);
            assertTrue(a.getScore() > a.getThreshold());
            assertEquals("flow", a.getTopChannels().get(0).getChannel());
            assertEquals(model.version(), a.getModelVersion());
        }
    }

    @Test
    void undecodableRecordsAreSkippedAndCountedAndProcessingContinues() {
        Random noise = new Random(3);
        input.pipeInput("pump-a", new byte[] {1, 2, 3});
        input.pipeInput("pump-a", (byte[]) null);
        for (int i = 0; i < 100; i++) {
            send("pump-a", i, TestModels.normalRow(i, noise));
        }
        assertEquals(2, stats.skipped());
        assertEquals(102, stats.records());
        assertTrue(stats.windowsScored() > 0);
    }
}
