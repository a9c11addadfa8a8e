package io.latentwatch.serde.confluent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.ChannelContribution;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.avro.Severity;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordDecodingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentCodecTest {
    private static final int FUZZ_CASES = 10_000;
    private FakeSchemaRegistry fake;
    private SchemaRegistryClient client;
    private ConfluentCodec<SensorReading> readings;
    private ConfluentCodec<AnomalyAlert> alerts;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeSchemaRegistry();
        client = quickClient(fake.url(), null, null);
        readings = new ConfluentCodec<>(client, SensorReading.getClassSchema());
        alerts = new ConfluentCodec<>(client, AnomalyAlert.getClassSchema());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static SchemaRegistryClient quickClient(String url, String user, String password) {
        return new SchemaRegistryClient(url, user, password, 3, Duration.ofMillis(10), Duration.ofSeconds(5));
    }

    static SensorReading reading(String entity, long ts, double value) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("flow", value);
        values.put("pressure", -value);
        return SensorReading.newBuilder().setEntityId(entity).setTimestamp(Instant.ofEpochMilli(ts))
                .setReadings(values).setTags(Map.of("site", "north")).build();
    }

    static AnomalyAlert alert() {
        return AnomalyAlert.newBuilder().setAlertId("a1").setEntityId("pump-7").setStatus(AlertStatus.OPEN)
                .setIncidentId("inc-1").setWindowStart(Instant.ofEpochMilli(1_000))
                .setWindowEnd(Instant.ofEpochMilli(2_000)).setScore(3.5).setThreshold(1.0)
                .setSeverity(Severity.HIGH).setModelName("m").setModelVersion("abcdef012345")
                .setTopChannels(List.of(new ChannelContribution("flow", 0.7)))
                .setDetectedAt(Instant.ofEpochMilli(2_000)).setWindowsAbove(2).build();
    }

    @Test
    void roundTripsReadingsAndAlertsInConfluentFraming() {
        SensorReading r = reading("pump-1", 1_700_000_000_000L, 4.25);
        byte[] bytes = readings.encode("readings", r);
        assertEquals(0, bytes[0]);
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        assertEquals(readings.schemaId("readings"), id);
        assertTrue(WireFormat.isConfluent(bytes));
        assertFalse(WireFormat.isSingleObject(bytes));
        assertEquals(r, readings.decode(bytes));

        AnomalyAlert a = alert();
        byte[] alertBytes = alerts.encode("alerts", a);
        assertEquals(a, alerts.decode(alertBytes));
        assertTrue(ByteBuffer.wrap(alertBytes, 1, 4).getInt() != id, "distinct schemas get distinct ids");

        // A second client (a consumer elsewhere) reads with a cold cache.
        ConfluentCodec<AnomalyAlert> consumer =
                new ConfluentCodec<>(quickClient(fake.url(), null, null), AnomalyAlert.getClassSchema());
        assertEquals(a, consumer.decode(alertBytes));
        assertEquals(a, consumer.serde().deserializer().deserialize("alerts", alerts.serde().serializer()
                .serialize("alerts", a)));
    }

    @Test
    void readsAnAlertWrittenWithTheOldestSchemaWithDefaultsForNewFields() throws IOException {
        Schema v1;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/history/AnomalyAlert.v1.avsc")) {
            assertNotNull(in, "schemas/history/AnomalyAlert.v1.avsc on the classpath");
            v1 = new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        int id = fake.preRegister("alerts-value", v1);

        GenericRecord old = new GenericData.Record(v1);
        old.put("alertId", "old-1");
        old.put("entityId", "pump-3");
        old.put("windowStart", 10L);
        old.put("windowEnd", 20L);
        old.put("score", 9.0);
        old.put("threshold", 2.0);
        old.put("severity", new GenericData.EnumSymbol(v1.getField("severity").schema(), "HIGH"));
        old.put("modelName", "m");
        old.put("modelVersion", "v1");
        Schema contribution = v1.getField("topChannels").schema().getElementType();
        GenericRecord c = new GenericData.Record(contribution);
        c.put("channel", "flow");
        c.put("share", 1.0);
        old.put("topChannels", List.of(c));
        old.put("detectedAt", 20L);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(v1).write(old, encoder);
        encoder.flush();

        AnomalyAlert read = alerts.decode(out.toByteArray());
        assertEquals("old-1", read.getAlertId());
        assertEquals("pump-3", read.getEntityId());
        assertEquals(Instant.ofEpochMilli(20), read.getWindowEnd());
        assertEquals(Severity.HIGH, read.getSeverity());
        assertEquals(AlertStatus.OPEN, read.getStatus());
        assertEquals("", read.getIncidentId());
        assertEquals(0, read.getWindowsAbove());
        assertEquals("flow", read.getTopChannels().get(0).getChannel());
    }

    /**
     * SensorReading has one schema version so far (schemas/history/SensorReading.v1.avsc is the current
     * schema), so the older writer is constructed: the current schema without {@code tags}, the field
     * that has a default. A producer still on it registers it; the detector's reader resolves it.
     */
    @Test
    void readsAReadingWrittenWithAnOlderSchemaThatLackedTags() throws IOException {
        Schema current = SensorReading.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : current.getFields()) {
            if (!f.name().equals("tags")) {
                fields.add(new Schema.Field(f, f.schema()));
            }
        }
        Schema older = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        assertTrue(current.getField("tags").hasDefaultValue(), "the dropped field has a default");
        int id = fake.preRegister("sensor-readings-value", older);

        GenericRecord old = new GenericData.Record(older);
        old.put("entityId", "pump-9");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("readings", Map.of("flow", 2.5, "pressure", -1.0));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(older).write(old, encoder);
        encoder.flush();

        SensorReading read = readings.decode(out.toByteArray());
        assertEquals("pump-9", read.getEntityId());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), read.getTimestamp());
        assertEquals(Map.of("flow", 2.5, "pressure", -1.0), Map.copyOf(read.getReadings()));
        assertEquals(null, read.getTags(), "the missing field takes its default");
    }

    @Test
    void registersOncePerTopicAndFetchesEachIdOnce() {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            frames.add(readings.encode("readings", reading("e" + i, i, i)));
        }
        assertEquals(1, fake.registrations.get());
        readings.encode("readings-replay", reading("x", 1, 1));
        assertEquals(2, fake.registrations.get(), "a second topic is a second subject");

        ConfluentCodec<SensorReading> consumer =
                new ConfluentCodec<>(quickClient(fake.url(), null, null), SensorReading.getClassSchema());
        for (byte[] frame : frames) {
            consumer.decode(frame);
        }
        assertEquals(1, fake.fetches.get());
    }

    @Test
    void clientErrorFailsAtOnceWithStatusAndMessage() {
        fake.failWith(422, "Invalid schema: something the registry dislikes");
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> readings.encode("readings", reading("e", 1, 1)));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("HTTP 422"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid schema: something the registry dislikes"), e.getMessage());
        assertTrue(e.getMessage().contains(fake.url() + "/subjects/readings-value/versions"), e.getMessage());
        assertEquals(1, fake.requests.get(), "4xx is not retried");
        assertTrue(e instanceof LatentwatchException);
    }

    @Test
    void serverErrorsAreRetriedThenFail() {
        fake.failWith(503, "overloaded");
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> readings.encode("readings", reading("e", 1, 1)));
        assertEquals(503, e.status());
        assertEquals(3, fake.requests.get());
        assertTrue(e.getMessage().contains("HTTP 503") && e.getMessage().contains("overloaded")
                && e.getMessage().contains("after 3 attempts"), e.getMessage());

        // The registry recovers: the next call works, nothing bad was cached.
        fake.failWith(0, null);
        byte[] bytes = readings.encode("readings", reading("e", 1, 1));
        assertEquals(reading("e", 1, 1), readings.decode(bytes));
    }

    @Test
    void registryOutageWhileDecodingIsNotARecordError() {
        byte[] bytes = readings.encode("readings", reading("e", 1, 1));
        fake.failWith(500, "boom");
        ConfluentCodec<SensorReading> consumer =
                new ConfluentCodec<>(quickClient(fake.url(), null, null), SensorReading.getClassSchema());
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> consumer.decode(bytes));
        assertFalse(e instanceof RecordDecodingException, "an outage must not be mistaken for a bad record");
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }

    @Test
    void unreachableRegistryNamesTheUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        ConfluentCodec<SensorReading> codec =
                new ConfluentCodec<>(quickClient(url, null, null), SensorReading.getClassSchema());
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> codec.encode("readings", reading("e", 1, 1)));
        assertEquals(SchemaRegistryException.UNREACHABLE, e.status());
        assertTrue(e.getMessage().contains("unreachable") && e.getMessage().contains(url + "/subjects/"),
                e.getMessage());
    }

    @Test
    void basicAuthIsSentAndAWrongPasswordSurfaces401() {
        fake.requireBasicAuth("svc", "s3cret");
        ConfluentCodec<SensorReading> good =
                new ConfluentCodec<>(quickClient(fake.url(), "svc", "s3cret"), SensorReading.getClassSchema());
        byte[] bytes = good.encode("readings", reading("e", 1, 1));
        assertEquals(reading("e", 1, 1), good.decode(bytes));

        ConfluentCodec<SensorReading> wrong =
                new ConfluentCodec<>(quickClient(fake.url(), "svc", "nope"), SensorReading.getClassSchema());
        SchemaRegistryException e = assertThrows(SchemaRegistryException.class,
                () -> wrong.encode("readings", reading("e", 1, 1)));
        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("HTTP 401") && e.getMessage().contains("Unauthorized"), e.getMessage());

        ConfluentCodec<SensorReading> none =
                new ConfluentCodec<>(quickClient(fake.url(), null, null), SensorReading.getClassSchema());
        SchemaRegistryException decodeFailure = assertThrows(SchemaRegistryException.class,
                () -> none.decode(bytes));
        assertEquals(401, decodeFailure.status());
    }

    @Test
    void garbageIsReportedWithTheRightReason() {
        byte[] good = readings.encode("readings", reading("e", 1, 1));
        assertEquals(RecordDecodingException.Reason.EMPTY, reason(readings, null));
        assertEquals(RecordDecodingException.Reason.EMPTY, reason(readings, new byte[0]));

        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 1;
        assertEquals(RecordDecodingException.Reason.BAD_HEADER, reason(readings, wrongMagic));
        assertEquals(RecordDecodingException.Reason.BAD_HEADER, reason(readings, new byte[] {0, 0, 0}));
        byte[] singleObject = AvroSerdes.readings().encode(reading("e", 1, 1));
        assertEquals(RecordDecodingException.Reason.BAD_HEADER, reason(readings, singleObject));

        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId, 1, 4).putInt(987_654);
        assertEquals(RecordDecodingException.Reason.UNKNOWN_SCHEMA, reason(readings, unknownId));

        // A known id whose schema is another type's is not readable as this one.
        byte[] alertFrame = alerts.encode("alerts", alert());
        assertEquals(RecordDecodingException.Reason.UNKNOWN_SCHEMA, reason(readings, alertFrame));

        for (int cut = 5; cut < good.length; cut++) {
            assertEquals(RecordDecodingException.Reason.CORRUPT_BODY,
                    reason(readings, Arrays.copyOf(good, cut)), "truncated to " + cut);
        }
    }

    @Test
    void fuzzedFramesOnlyEverFailAsRecordDecodingErrors() {
        List<byte[]> seeds = List.of(readings.encode("readings", reading("pump-1", 5, 1.5)),
                readings.encode("readings", reading("a-much-longer-entity-identifier", 1L << 40, -3e300)));
        alerts.encode("alerts", alert()); // a second id in the registry for mutated ids to land on
        Random random = new Random(20240611L);
        Map<RecordDecodingException.Reason, Integer> seen = new EnumMap<>(RecordDecodingException.Reason.class);
        int decoded = 0;
        for (int i = 0; i < FUZZ_CASES; i++) {
            byte[] frame = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                readings.decode(frame);
                decoded++;
            } catch (RecordDecodingException e) {
                seen.merge(e.reason(), 1, Integer::sum);
            } catch (Throwable t) {
                fail("frame " + i + " " + Arrays.toString(frame) + " escaped as " + t, t);
            }
        }
        assertTrue(seen.getOrDefault(RecordDecodingException.Reason.CORRUPT_BODY, 0) > 0, seen::toString);
        assertTrue(seen.getOrDefault(RecordDecodingException.Reason.BAD_HEADER, 0) > 0, seen::toString);
        assertTrue(seen.getOrDefault(RecordDecodingException.Reason.UNKNOWN_SCHEMA, 0) > 0, seen::toString);
        assertTrue(decoded > 0, "some mutations still decode");
        int rejected = seen.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(FUZZ_CASES, decoded + rejected);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] frame = seed.clone();
        switch (random.nextInt(6)) {
            case 0 -> frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> {
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    frame[5 + random.nextInt(frame.length - 5)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> frame = Arrays.copyOf(frame, random.nextInt(frame.length));
            case 3 -> frame[1 + random.nextInt(4)] = (byte) random.nextInt(256);
            case 4 -> {
                byte[] longer = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(8));
                for (int k = frame.length; k < longer.length; k++) {
                    longer[k] = (byte) random.nextInt(256);
                }
                int at = 5 + random.nextInt(frame.length - 5);
                System.arraycopy(frame, at, longer, longer.length - (frame.length - at), frame.length - at);
                frame = longer;
            }
            default -> {
                frame = new byte[random.nextInt(40)];
                random.nextBytes(frame);
                if (frame.length > 0 && random.nextBoolean()) {
                    frame[0] = 0;
                }
            }
        }
        return frame;
    }

    private static RecordDecodingException.Reason reason(ConfluentCodec<?> codec, byte[] bytes) {
        return assertThrows(RecordDecodingException.class, () -> codec.decode(bytes)).reason();
    }
}
