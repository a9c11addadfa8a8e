package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of unusable input reaches {@code <input>.dlq} with its original bytes and the reason, and nothing stops. */
class DeadLetterTopologyTest {
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

    private static byte[] reading(String entity, long ts, Map<String, Double> values) {
        return AvroSerdes.readings().encode(SensorReading.newBuilder().setEntityId(entity)
                .setTimestamp(Instant.ofEpochMilli(ts)).setReadings(values).build());
    }

    private static Map<String, Double> normal(int i, Random noise) {
        return TestModels.byChannel(TestModels.normalRow(i, noise));
    }

    private static String header(TestRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void everyUnusableRecordGoesToTheDeadLetterTopicWithItsReason() {
        DetectorConfig config = DetectorConfig.defaults().withBatching(1, java.time.Duration.ofMillis(100));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        DetectorStats stats = new DetectorStats();
        long t0 = TestModels.START;
        Random noise = new Random(1);
        byte[] unknownSchema = reading("pump-a", t0, normal(0, noise));
        unknownSchema[4] ^= 0x33;
        Map<String, Double> nan = normal(0, noise);
        nan.put("flow", Double.NaN);
        Map<String, Double> inf = normal(0, noise);
        inf.put("temp", Double.NEGATIVE_INFINITY);
        Map<String, Double> huge = normal(0, noise);
        huge.put("load", 1e300);
        List<Object[]> bad = new ArrayList<>();
        bad.add(new Object[] {"EMPTY", new byte[0], t0});
        bad.add(new Object[] {"BAD_HEADER", "not avro".getBytes(StandardCharsets.UTF_8), t0});
        bad.add(new Object[] {"UNKNOWN_SCHEMA", unknownSchema, t0});
        bad.add(new Object[] {"CORRUPT_BODY", java.util.Arrays.copyOf(reading("pump-a", t0, normal(0, noise)), 14), t0});
        bad.add(new Object[] {"MISSING_ENTITY", reading(" ", t0, normal(0, noise)), t0});
        bad.add(new Object[] {"NON_FINITE_VALUE", reading("pump-a", t0, nan), t0});
        bad.add(new Object[] {"NON_FINITE_VALUE", reading("pump-a", t0, inf), t0});
        bad.add(new Object[] {"ABSURD_VALUE", reading("pump-a", t0, huge), t0});
        bad.add(new Object[] {"UNKNOWN_CHANNELS", reading("pump-a", t0, Map.of("voltage", 230.0)), t0});
        bad.add(new Object[] {"FUTURE_TIMESTAMP", reading("pump-a", t0 + 7_200_000, normal(0, noise)), t0});
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(config, model, stats), props)) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(config.inputTopic(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < 200; i++) {
                input.pipeInput("pump-a".getBytes(StandardCharsets.UTF_8),
                        reading("pump-a", t0 + i * TestModels.STEP_MS, normal(i, noise)), t0 + i * TestModels.STEP_MS);
                if (i == 100) {
                    for (Object[] b : bad) {
                        input.pipeInput(new TestRecord<>("k".getBytes(StandardCharsets.UTF_8), (byte[]) b[1],
                                Instant.ofEpochMilli((Long) b[2])));
                    }
                    // late: older than what was already placed, with no grace
                    input.pipeInput("pump-a".getBytes(StandardCharsets.UTF_8),
                            reading("pump-a", t0 + 5 * TestModels.STEP_MS, normal(5, noise)), t0 + 5 * TestModels.STEP_MS);
                }
            }
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic(config.deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TestRecord<byte[], byte[]>> letters = dlq.readRecordsToList();
            assertEquals("sensor-readings.dlq", config.deadLetters());
            assertEquals(bad.size() + 1, letters.size());
            for (int i = 0; i < bad.size(); i++) {
                TestRecord<byte[], byte[]> r = letters.get(i);
                assertEquals(bad.get(i)[0], header(r, DeadLetter.REASON), "record " + i);
                assertArrayEquals((byte[]) bad.get(i)[1], r.value(), "original bytes of record " + i);
                assertEquals("sensor-readings", header(r, DeadLetter.SOURCE_TOPIC));
                assertEquals("0", header(r, DeadLetter.SOURCE_PARTITION));
                assertEquals(Long.toString(101 + i), header(r, DeadLetter.SOURCE_OFFSET));
                assertTrue(!header(r, DeadLetter.EXCEPTION_MESSAGE).isBlank(), "a message for record " + i);
            }
            assertEquals("CORRUPT_BODY", header(letters.get(3), DeadLetter.REASON));
            assertTrue(header(letters.get(3), DeadLetter.EXCEPTION_CLASS).contains("RecordDecodingException"));
            assertEquals("LATE", header(letters.get(bad.size()), DeadLetter.REASON));
            assertEquals(bad.size(), stats.skipped());
            assertEquals(1, stats.late());
            assertEquals(2, stats.deadLetters(DeadLetter.NON_FINITE_VALUE));
            assertEquals((200 - TestModels.WINDOW) / TestModels.HOP + 1, stats.windowsScored(),
                    "the good readings around the bad ones are all scored");
        }
    }

    /**
     * Found by {@link DeadLetterFuzzTopologyTest}: readings from before 1970 (valid Avro timestamps) were
     * windowed, and the first complete window's negative timestamp killed the stream task.
     */
    @Test
    void readingsFromBefore1970AreDeadLetteredNotWindowed() {
        DetectorConfig config = DetectorConfig.defaults().withBatching(1, java.time.Duration.ofMillis(100));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-pre-epoch");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-pre-epoch").toString());
        DetectorStats stats = new DetectorStats();
        Random noise = new Random(2);
        int steps = 3 * TestModels.WINDOW;
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(config, model, stats), props)) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(config.inputTopic(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            for (int i = 0; i < steps; i++) {
                input.pipeInput("relic".getBytes(StandardCharsets.UTF_8),
                        reading("relic", -1_000_000L + i * TestModels.STEP_MS, normal(i, noise)), TestModels.START);
            }
            List<TestRecord<byte[], byte[]>> letters = driver.createOutputTopic(config.deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            assertEquals(steps, letters.size());
            for (TestRecord<byte[], byte[]> r : letters) {
                assertEquals("PRE_EPOCH_TIMESTAMP", header(r, DeadLetter.REASON));
                assertTrue(header(r, DeadLetter.EXCEPTION_MESSAGE).contains("before 1970"),
                        header(r, DeadLetter.EXCEPTION_MESSAGE));
            }
            assertEquals(steps, stats.deadLetters(DeadLetter.PRE_EPOCH_TIMESTAMP));
            assertEquals(0, stats.windowsScored());
        }
    }
}
