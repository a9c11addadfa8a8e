package io.latentwatch.serde.confluent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.serde.AvroSerdes;
import java.time.Instant;
import java.util.Map;
import io.latentwatch.avro.SensorReading;
import org.junit.jupiter.api.Test;

class WireFormatTest {
    @Test
    void tellsTheFramingsApart() {
        byte[] single = AvroSerdes.readings().encode(SensorReading.newBuilder().setEntityId("e")
                .setTimestamp(Instant.ofEpochMilli(1)).setReadings(Map.of("x", 1.0)).setTags(null).build());
        assertTrue(WireFormat.isSingleObject(single));
        assertFalse(WireFormat.isConfluent(single));
        assertEquals(WireFormat.Kind.SINGLE_OBJECT, WireFormat.of(single));

        byte[] confluent = {0, 0, 0, 0, 7, 2, 'e'};
        assertTrue(WireFormat.isConfluent(confluent));
        assertFalse(WireFormat.isSingleObject(confluent));
        assertEquals(WireFormat.Kind.CONFLUENT, WireFormat.of(confluent));

        assertFalse(WireFormat.isConfluent(new byte[] {0, 0, 0, 1}), "shorter than a header");
        assertFalse(WireFormat.isConfluent(null));
        assertFalse(WireFormat.isSingleObject(new byte[] {(byte) 0xC3}));
        assertEquals(WireFormat.Kind.UNKNOWN, WireFormat.of(new byte[] {'{', '"'}));
        assertEquals(WireFormat.Kind.UNKNOWN, WireFormat.of(new byte[0]));
    }
}
