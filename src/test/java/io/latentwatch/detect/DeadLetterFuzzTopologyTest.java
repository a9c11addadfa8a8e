package io.latentwatch.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.TestModels;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordCodecs;
import io.latentwatch.serde.RecordDecodingException;
import io.latentwatch.serde.WireSettings;
import io.latentwatch.serde.confluent.ConfluentCodec;
import io.latentwatch.serde.confluent.FakeSchemaRegistry;
import io.latentwatch.serde.confluent.SchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipes {@value #CASES} generated input records through the detector (seeded): valid readings of a few
 * entities interleaved with garbage, empty values, truncated and bit-flipped frames in both framings,
 * wrong fingerprints, unknown registry ids, NaN, infinite and absurd values, missing entities, unknown
 * channels, readings from the future and late ones. An oracle decides each record's fate independently
 * of the topology (decode with the codecs, then check the reading): nothing escapes the driver, every
 * record that is not a usable reading reaches the dead-letter topic exactly once with its original
 * bytes and a reason it deserves, no usable reading is dead-lettered, and the detector still scores
 * a clean entity afterwards.
 */
class DeadLetterFuzzTopologyTest {
    private static final long SEED = 20_261_130L;
    private static final int CASES = 12_000;
    private static final String[] ENTITIES = {"pump-1", "pump-2", "pump-3", "fan-a", "fan-b"};

    @TempDir
    static Path dir;

    private static DetectorModel model;
    private static FakeSchemaRegistry registry;

    @BeforeAll
    static void start() throws IOException {
        model = TestModels.load(dir.resolve("model"));
        registry = new FakeSchemaRegistry();
    }

    @AfterAll
    static void stop() {
        model.close();
        registry.close();
    }

    /** One generated record and what the oracle says must become of it. */
    private record Case(String kind, byte[] key, byte[] value, long timestamp) {
    }

    @Test
    void everyUnusableRecordIsDeadLetteredOnceAndEveryUsableOneIsNot() {
        DetectorConfig config = DetectorConfig.defaults().withBatching(1, Duration.ofMillis(100))
                .withWire(new WireSettings(WireSettings.Format.SINGLE_OBJECT, registry.url(), null, null));
        SchemaRegistryClient client = new SchemaRegistryClient(registry.url(), null, null, 3, Duration.ofMillis(10),
                Duration.ofSeconds(5));
        ConfluentCodec<SensorReading> confluent = new ConfluentCodec<>(client, SensorReading.getClassSchema());
        Generator generator = new Generator(new Random(SEED), confluent);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(generator.next());
        }

        // The oracle: codecs of its own, and each entity's newest placed event time (grace is 0).
        RecordCodecs oracleCodecs = new RecordCodecs(config.wire());
        Map<String, Long> newest = new HashMap<>();
        List<Set<DeadLetter>> expected = new ArrayList<>();
        int usable = 0;
        for (Case c : cases) {
            Set<DeadLetter> fate = fate(c, oracleCodecs, config, newest);
            expected.add(fate);
            usable += fate.isEmpty() ? 1 : 0;
        }

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dlq-fuzz");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
        DetectorStats stats = new DetectorStats();
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(config, model, stats), props)) {
            TestInputTopic<byte[], byte[]> input = driver.createInputTopic(config.inputTopic(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            for (Case c : cases) {
                input.pipeInput(new TestRecord<>(c.key(), c.value(), Instant.ofEpochMilli(c.timestamp())));
            }
            List<TestRecord<byte[], byte[]>> letters = driver.createOutputTopic(config.deadLetters(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();

            Map<DeadLetter, Integer> byReason = new EnumMap<>(DeadLetter.class);
            boolean[] lettered = new boolean[CASES];
            for (TestRecord<byte[], byte[]> letter : letters) {
                int offset = Integer.parseInt(header(letter, DeadLetter.SOURCE_OFFSET));
                Case c = cases.get(offset);
                assertFalse(lettered[offset], "record " + offset + " (" + c.kind() + ") dead-lettered twice");
                lettered[offset] = true;
                DeadLetter reason = DeadLetter.valueOf(header(letter, DeadLetter.REASON));
                assertTrue(expected.get(offset).contains(reason), "record " + offset + " (" + c.kind()
                        + ") dead-lettered as " + reason + ", expected one of " + expected.get(offset)
                        + ": " + header(letter, DeadLetter.EXCEPTION_MESSAGE));
                assertArrayEquals(c.value(), letter.value(), "original bytes of record " + offset);
                assertArrayEquals(c.key(), letter.key(), "original key of record " + offset);
                assertFalse(header(letter, DeadLetter.EXCEPTION_MESSAGE).isBlank(), "a message for record " + offset);
                byReason.merge(reason, 1, Integer::sum);
            }
            for (int i = 0; i < CASES; i++) {
                assertEquals(!expected.get(i).isEmpty(), lettered[i], "record " + i + " (" + cases.get(i).kind()
                        + ") expected " + (expected.get(i).isEmpty() ? "to be used" : "one of " + expected.get(i)));
            }
            assertEquals(CASES, stats.records());
            assertEquals(CASES, usable + letters.size(), "records in = used + dead-lettered");
            assertEquals(letters.size(), stats.skipped() + stats.late());
            for (DeadLetter reason : DeadLetter.values()) {
                assertTrue(reason == DeadLetter.LATE || byReason.getOrDefault(reason, 0) > 0,
                        "every reason is exercised: " + byReason);
            }
            assertTrue(byReason.getOrDefault(DeadLetter.LATE, 0) > 0, "late readings exercised: " + byReason);
            assertTrue(usable > CASES / 3, "enough usable readings: " + usable);

            // Nothing stopped: a clean entity's readings are still windowed and scored.
            long scoredBefore = stats.windowsScored();
            long t0 = generator.clock + 1_000;
            Random noise = new Random(3);
            int clean = 64;
            for (int i = 0; i < clean; i++) {
                long ts = t0 + i * TestModels.STEP_MS;
                input.pipeInput(new TestRecord<>("fresh".getBytes(StandardCharsets.UTF_8),
                        AvroSerdes.readings().encode(Generator.reading("fresh", ts, normal(i, noise))),
                        Instant.ofEpochMilli(ts)));
            }
            assertEquals((clean - TestModels.WINDOW) / TestModels.HOP + 1, stats.windowsScored() - scoredBefore,
                    "the clean entity's windows are all scored after the fuzzing");
        }
    }

    /** The reasons a record may be dead-lettered for; empty when it is a usable reading (then it is placed). */
    private static Set<DeadLetter> fate(Case c, RecordCodecs codecs, DetectorConfig config, Map<String, Long> newest) {
        SensorReading reading;
        try {
            reading = codecs.decodeReading(c.value());
        } catch (RecordDecodingException e) {
            return EnumSet.of(DeadLetter.valueOf(e.reason().name()));
        }
        String entity = reading.getEntityId();
        if (entity == null || entity.isBlank()) {
            return EnumSet.of(DeadLetter.MISSING_ENTITY);
        }
        Set<DeadLetter> problems = EnumSet.noneOf(DeadLetter.class);
        boolean known = false;
        for (Map.Entry<String, Double> e : reading.getReadings().entrySet()) {
            double v = e.getValue();
            if (!Double.isFinite(v)) {
                problems.add(DeadLetter.NON_FINITE_VALUE);
            } else if (Math.abs(v) > config.maxAbsValue()) {
                problems.add(DeadLetter.ABSURD_VALUE);
            }
            known |= TestModels.CHANNELS.contains(e.getKey());
        }
        if (!known) {
            problems.add(DeadLetter.UNKNOWN_CHANNELS);
        }
        long ts = reading.getTimestamp().toEpochMilli();
        if (ts < 0) {
            problems.add(DeadLetter.PRE_EPOCH_TIMESTAMP);
        }
        if (c.timestamp() > 0 && ts - c.timestamp() > config.maxFutureMs()) {
            problems.add(DeadLetter.FUTURE_TIMESTAMP);
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        Long last = newest.get(entity);
        if (last != null && ts < last) {
            return EnumSet.of(DeadLetter.LATE);
        }
        newest.put(entity, ts);
        return EnumSet.noneOf(DeadLetter.class);
    }

    private static Map<String, Double> normal(int i, Random noise) {
        return TestModels.byChannel(TestModels.normalRow(i, noise));
    }

    private static String header(TestRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        assertNotNull(h, "header " + key);
        return new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Seeded input: a stream of readings per entity, and damaged or bad records between them. */
    private static final class Generator {
        private final Random random;
        private final ConfluentCodec<SensorReading> confluent;
        private final Map<String, Integer> steps = new HashMap<>();
        private final Random noise = new Random(1);
        /** Record timestamps: they move on with the readings, as a broker's append times would. */
        long clock = TestModels.START;

        Generator(Random random, ConfluentCodec<SensorReading> confluent) {
            this.random = random;
            this.confluent = confluent;
        }

        static SensorReading reading(String entity, long ts, Map<String, Double> values) {
            return SensorReading.newBuilder().setEntityId(entity).setTimestamp(Instant.ofEpochMilli(ts))
                    .setReadings(values).build();
        }

        Case next() {
            clock += 200;
            String entity = ENTITIES[random.nextInt(ENTITIES.length)];
            byte[] key = random.nextInt(20) == 0 ? null : entity.getBytes(StandardCharsets.UTF_8);
            int kind = random.nextInt(100);
            if (kind < 45) {
                return new Case("valid", key, AvroSerdes.readings().encode(nextReading(entity)), clock);
            }
            if (kind < 50) {
                return new Case("valid-confluent", key, confluent.encode("sensor-readings", nextReading(entity)), clock);
            }
            if (kind < 60) {
                return new Case("bit-flip", key, flip(AvroSerdes.readings().encode(nextReading(entity))), clock);
            }
            if (kind < 63) {
                return new Case("bit-flip-confluent", key, flip(confluent.encode("sensor-readings",
                        nextReading(entity))), clock);
            }
            if (kind < 68) {
                byte[] frame = AvroSerdes.readings().encode(nextReading(entity));
                return new Case("truncated", key, Arrays.copyOf(frame, random.nextInt(frame.length)), clock);
            }
            if (kind < 70) {
                byte[] frame = confluent.encode("sensor-readings", nextReading(entity));
                return new Case("truncated-confluent", key, Arrays.copyOf(frame, random.nextInt(frame.length)), clock);
            }
            if (kind < 73) {
                byte[] frame = AvroSerdes.readings().encode(nextReading(entity));
                frame[2 + random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
                return new Case("wrong-fingerprint", key, frame, clock);
            }
            if (kind < 75) {
                byte[] frame = confluent.encode("sensor-readings", nextReading(entity));
                ByteBuffer.wrap(frame, 1, 4).putInt(1_000 + random.nextInt(1_000_000));
                return new Case("unknown-registry-id", key, frame, clock);
            }
            if (kind < 79) {
                byte[] garbage = new byte[random.nextInt(48)];
                random.nextBytes(garbage);
                if (garbage.length > 1 && random.nextBoolean()) {
                    garbage[0] = (byte) 0xC3;
                    garbage[1] = 0x01;
                }
                return new Case("garbage", key, garbage, clock);
            }
            if (kind < 80) {
                if (random.nextBoolean()) {
                    // A reading from before 1970: a valid Avro timestamp-millis, if an odd one.
                    int step = steps.merge("relic", 1, Integer::sum);
                    return new Case("pre-epoch", key, AvroSerdes.readings().encode(reading("relic",
                            -1_000_000_000L + step * TestModels.STEP_MS, normal(step, noise))), clock);
                }
                return new Case("empty", key, random.nextBoolean() ? new byte[0] : null, clock);
            }
            return new Case("bad-reading", key, AvroSerdes.readings().encode(badReading(entity)), clock);
        }

        /** The entity's next normal reading, one step on, stamped at the current record time. */
        private SensorReading nextReading(String entity) {
            int step = steps.merge(entity, 1, Integer::sum);
            return reading(entity, clock, normal(step, noise));
        }

        private SensorReading badReading(String entity) {
            Map<String, Double> values = normal(steps.getOrDefault(entity, 0), noise);
            long ts = clock;
            switch (random.nextInt(8)) {
                case 0 -> values.put(TestModels.CHANNELS.get(random.nextInt(3)), Double.NaN);
                case 1 -> values.put(TestModels.CHANNELS.get(random.nextInt(3)),
                        random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                case 2 -> values.put(TestModels.CHANNELS.get(random.nextInt(3)),
                        (random.nextBoolean() ? 1 : -1) * Math.pow(10, 12.5 + random.nextInt(296)));
                case 3 -> entity = random.nextBoolean() ? "" : " \t";
                case 4 -> {
                    values.clear();
                    values.put(random.nextBoolean() ? "voltage" : "LOAD", 1.0);
                }
                case 5 -> values.clear();
                case 6 -> ts = clock + Duration.ofHours(1).toMillis() + 1 + random.nextInt(1_000_000_000);
                default -> ts = clock - 1 - random.nextInt(100_000); // late unless the entity is new
            }
            return reading(entity, ts, values);
        }

        private byte[] flip(byte[] frame) {
            byte[] out = frame.clone();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return out;
        }
    }
}
