package io.latentwatch.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.ChannelContribution;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.avro.Severity;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {
    private final SingleObjectCodec<SensorReading> codec = AvroSerdes.readings();

    static SensorReading reading(String entity, long ts, Map<String, Double> values) {
        return SensorReading.newBuilder().setEntityId(entity).setTimestamp(Instant.ofEpochMilli(ts))
                .setReadings(values).setTags(null).build();
    }

    @Test
    void roundTripsReadingsIncludingExtremeValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("temperature", 21.5);
        values.put("huge", Double.MAX_VALUE);
        values.put("tiny", -Double.MIN_VALUE);
        values.put("nan", Double.NaN);
        values.put("inf", Double.POSITIVE_INFINITY);
        SensorReading r = reading("pump-01", 1_700_000_000_123L, values);
        byte[] bytes = codec.encode(r);
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        SensorReading back = codec.decode(bytes);
        assertEquals(r.getEntityId(), back.getEntityId());
        assertEquals(r.getTimestamp(), back.getTimestamp());
        assertEquals(values.keySet(), back.getReadings().keySet());
        assertTrue(Double.isNaN(back.getReadings().get("nan")));
        assertEquals(Double.MAX_VALUE, back.getReadings().get("huge"));
    }

    @Test
    void roundTripsAlerts() {
        AnomalyAlert alert = AnomalyAlert.newBuilder().setAlertId("a").setEntityId("e")
                .setWindowStart(Instant.ofEpochMilli(1)).setWindowEnd(Instant.ofEpochMilli(2)).setScore(3)
                .setThreshold(1).setSeverity(Severity.HIGH).setModelName("m").setModelVersion("v")
                .setTopChannels(List.of(new ChannelContribution("flow", 0.7)))
                .setDetectedAt(Instant.ofEpochMilli(2)).build();
        assertEquals(alert, AvroSerdes.alerts().decode(AvroSerdes.alerts().encode(alert)));
    }

    @Test
    void emptyAndNullAreEmpty() {
        assertEquals(RecordDecodingException.Reason.EMPTY, reason(null));
        assertEquals(RecordDecodingException.Reason.EMPTY, reason(new byte[0]));
    }

    @Test
    void wrongMarkerIsBadHeader() {
        assertEquals(RecordDecodingException.Reason.BAD_HEADER, reason("{\"entityId\":\"x\"}".getBytes()));
        assertEquals(RecordDecodingException.Reason.BAD_HEADER, reason(new byte[] {(byte) 0xC3}));
    }

    @Test
    void unknownFingerprintIsUnknownSchema() {
        byte[] bytes = codec.encode(reading("e", 1, Map.of("a", 1.0)));
        bytes[5] ^= 0x5A;
        assertEquals(RecordDecodingException.Reason.UNKNOWN_SCHEMA, reason(bytes));
    }

    @Test
    void everyTruncationIsRejectedNotCrashed() {
        byte[] bytes = codec.encode(reading("pump-01", 1_700_000_000_000L, Map.of("a", 1.0, "b", 2.0)));
        for (int len = 1; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            assertThrows(RecordDecodingException.class, () -> codec.decode(cut), "length " + len);
        }
    }

    @Test
    void randomGarbageBodiesOnlyEverThrowTheDocumentedType() {
        byte[] good = codec.encode(reading("pump-01", 1_700_000_000_000L, Map.of("a", 1.0, "b", 2.0)));
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = Arrays.copyOf(good, 10 + random.nextInt(60));
            for (int j = 10; j < bytes.length; j++) {
                if (j >= good.length || random.nextInt(4) == 0) {
                    bytes[j] = (byte) random.nextInt(256);
                }
            }
            try {
                SensorReading r = codec.decode(bytes);
                assertTrue(r.getEntityId() != null);
            } catch (RecordDecodingException expected) {
                assertTrue(expected.getMessage().contains("SensorReading"));
            }
        }
    }

    @Test
    void hugeDeclaredLengthsAreCorruptNotOutOfMemory() {
        byte[] header = Arrays.copyOf(codec.encode(reading("e", 1, Map.of())), 10);
        byte[] bytes = Arrays.copyOf(header, 20);
        // zig-zag varint for a string length of about 2^62
        byte[] huge = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0x7F};
        System.arraycopy(huge, 0, bytes, 10, huge.length);
        assertEquals(RecordDecodingException.Reason.CORRUPT_BODY, reason(bytes));
    }

    @Test
    void encodeIsDeterministic() {
        SensorReading r = reading("e", 5, Map.of("a", 1.0));
        assertArrayEquals(codec.encode(r), codec.encode(r));
    }

    private RecordDecodingException.Reason reason(byte[] bytes) {
        return assertThrows(RecordDecodingException.class, () -> codec.decode(bytes)).reason();
    }

    @Test
    void anAlertWrittenWithSchemaVersion1IsReadByTheCurrentReader() throws Exception {
        org.apache.avro.Schema v1;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream(
                "schemas/history/AnomalyAlert.v1.avsc")) {
            v1 = new org.apache.avro.Schema.Parser().parse(in);
        }
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(v1);
        old.put("alertId", "a-1");
        old.put("entityId", "pump-01");
        old.put("windowStart", 1000L);
        old.put("windowEnd", 2000L);
        old.put("score", 0.5);
        old.put("threshold", 0.1);
        old.put("severity", new org.apache.avro.generic.GenericData.EnumSymbol(v1.getField("severity").schema(), "HIGH"));
        old.put("modelName", "m");
        old.put("modelVersion", "v");
        org.apache.avro.Schema contribution = v1.getField("topChannels").schema().getElementType();
        org.apache.avro.generic.GenericRecord c = new org.apache.avro.generic.GenericData.Record(contribution);
        c.put("channel", "flow");
        c.put("share", 0.9);
        old.put("topChannels", List.of(c));
        old.put("detectedAt", 2000L);
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), v1).encode(old).array();

        AnomalyAlert read = AvroSerdes.alerts().decode(bytes);
        assertEquals("a-1", read.getAlertId());
        assertEquals(io.latentwatch.avro.AlertStatus.OPEN, read.getStatus());
        assertEquals("", read.getIncidentId());
        assertEquals(0, read.getWindowsAbove());
        assertEquals(Severity.HIGH, read.getSeverity());
        assertEquals("flow", read.getTopChannels().get(0).getChannel());
        assertEquals(2, AvroSerdes.alerts().knownVersions().size());
    }

    @Test
    void aReadingWrittenWithTheKeptVersion1SchemaIsRead() throws Exception {
        org.apache.avro.Schema v1;
        try (java.io.InputStream in = getClass().getClassLoader().getResourceAsStream(
                "schemas/history/SensorReading.v1.avsc")) {
            v1 = new org.apache.avro.Schema.Parser().parse(in);
        }
        assertEquals(1, codec.knownVersions().size(), "SensorReading has one kept version so far");
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(v1);
        old.put("entityId", "pump-01");
        old.put("timestamp", 1_700_000_000_000L);
        old.put("readings", Map.of("flow", 1.5));
        old.put("tags", Map.of("site", "north"));
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), v1).encode(old).array();

        SensorReading read = codec.decode(bytes);
        assertEquals("pump-01", read.getEntityId());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), read.getTimestamp());
        assertEquals(1.5, read.getReadings().get("flow"));
        assertEquals("north", read.getTags().get("site"));
    }

    /**
     * Single-object records carry only a fingerprint, so a writer schema that is not kept under
     * schemas/history/ (here the current one without its defaulted {@code tags}) cannot be resolved: it is
     * an unknown schema, which the detector dead-letters, never a crash or a misread.
     */
    @Test
    void aReadingWrittenWithASchemaThatIsNotKeptIsAnUnknownSchema() throws java.io.IOException {
        org.apache.avro.Schema current = SensorReading.getClassSchema();
        List<org.apache.avro.Schema.Field> fields = new java.util.ArrayList<>();
        for (org.apache.avro.Schema.Field f : current.getFields()) {
            if (!f.name().equals("tags")) {
                fields.add(new org.apache.avro.Schema.Field(f, f.schema()));
            }
        }
        org.apache.avro.Schema older = org.apache.avro.Schema.createRecord(current.getName(), current.getDoc(),
                current.getNamespace(), false, fields);
        org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(older);
        old.put("entityId", "pump-01");
        old.put("timestamp", 5L);
        old.put("readings", Map.of("flow", 1.5));
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), older).encode(old).array();
        RecordDecodingException e = assertThrows(RecordDecodingException.class, () -> codec.decode(bytes));
        assertEquals(RecordDecodingException.Reason.UNKNOWN_SCHEMA, e.reason());
        assertTrue(e.getMessage().contains("SensorReading"), e.getMessage());
    }
}
