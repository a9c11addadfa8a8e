package io.latentwatch.data;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two pumps, 40 readings each 10 s apart on a two-partition topic, read back over readings
 * 10..29: pump-a has flow and temp, pump-b pressure and temp (one reading without temp); pump-a's
 * readings 12 and 13 are written in swapped order; three undecodable records and one reading whose
 * event time is before the range (stamped inside it) are mixed in.
 */
class KafkaHistoryIT {
    private static final String TOPIC = "kafka-history-it";
    private static final Instant BASE = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant FROM = at(10);
    private static final Instant TO = at(30);

    @BeforeAll
    static void produceHistory() {
        KafkaTestCluster.createTopics(2, TOPIC);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int a = i == 12 ? 13 : i == 13 ? 12 : i;
            records.add(reading("pump-a", a, a, Map.of("flow", (double) a, "temp", 100.0 + a)));
            Map<String, Double> b = i == 15 ? Map.of("pressure", 200.0 + i)
                    : Map.of("pressure", 200.0 + i, "temp", 300.0 + i);
            records.add(reading("pump-b", i, i, b));
            if (i == 20) {
                records.add(raw("pump-a", i, "not avro at all".getBytes(UTF_8)));
                records.add(raw("pump-b", i, new byte[0]));
                // A well-formed single-object header with a fingerprint no schema version has.
                records.add(raw("pump-b", i, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0}));
                records.add(reading("pump-a", i, -5, Map.of("flow", -1.0, "temp", -1.0)));
            }
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestCluster.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    @Test
    void readsOneSortedSeriesPerEntityOverTheUnionOfChannels() {
        List<Long> progress = new ArrayList<>();
        KafkaHistory.Result result = KafkaHistory.read(config(), KafkaHistory.Request.of(TOPIC, FROM, TO),
                progress::add);

        assertEquals(List.of("pump-a", "pump-b"), List.copyOf(result.series().keySet()));
        long[] expectedTimes = new long[20];
        for (int r = 0; r < 20; r++) {
            expectedTimes[r] = at(10 + r).toEpochMilli();
        }
        for (TimeSeries series : result.seriesList()) {
            assertEquals(List.of("flow", "pressure", "temp"), series.channels());
            assertEquals(20, series.rows());
            assertArrayEquals(expectedTimes, series.timestamps(), "every reading in range, in event-time order");
        }
        TimeSeries a = result.series().get("pump-a");
        TimeSeries b = result.series().get("pump-b");
        for (int r = 0; r < 20; r++) {
            int i = 10 + r;
            assertArrayEquals(new double[] {i, Double.NaN, 100.0 + i}, a.values()[r], "pump-a row " + r);
            double temp = i == 15 ? Double.NaN : 300.0 + i;
            assertArrayEquals(new double[] {Double.NaN, 200.0 + i, temp}, b.values()[r], "pump-b row " + r);
        }
        assertEquals(3, result.undecodable());
        // The reading from before the range, plus the first reading at or after 'to' in each partition.
        assertTrue(result.outOfRange() >= 2 && result.outOfRange() <= 3, "out of range: " + result.outOfRange());
        // Readings 0..9 are never fetched: the read starts at offsetsForTimes(from).
        assertEquals(40 + 3 + result.outOfRange(), result.recordsRead());
        assertEquals(result.recordsRead(), progress.get(progress.size() - 1));
        for (int k = 1; k < progress.size(); k++) {
            assertTrue(progress.get(k) >= progress.get(k - 1), "progress never goes back: " + progress);
        }
    }

    @Test
    void explicitChannelsSetTheColumnsAndTheirOrder() {
        KafkaHistory.Request request = KafkaHistory.Request.of(TOPIC, FROM, TO)
                .withChannels(List.of("temp", "flow", "humidity"));
        KafkaHistory.Result result = KafkaHistory.read(config(), request, null);

        TimeSeries a = result.series().get("pump-a");
        TimeSeries b = result.series().get("pump-b");
        assertEquals(List.of("temp", "flow", "humidity"), a.channels());
        assertArrayEquals(new double[] {110.0, 10.0, Double.NaN}, a.values()[0]);
        assertArrayEquals(new double[] {310.0, Double.NaN, Double.NaN}, b.values()[0], "pressure is dropped");
        assertEquals(20, b.rows());
    }

    @Test
    void aRangeAfterEveryRecordIsEmpty() {
        KafkaHistory.Result result = KafkaHistory.read(config(),
                KafkaHistory.Request.of(TOPIC, at(1000), at(2000)), null);

        assertTrue(result.series().isEmpty(), result.series().keySet().toString());
        assertEquals(0, result.recordsRead());
    }

    @Test
    void aMissingTopicIsNamed() {
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> KafkaHistory.read(config(),
                new KafkaHistory.Request("kafka-history-it-no-such-topic", FROM, TO, List.of(),
                        Duration.ofSeconds(5)), null));

        assertTrue(e.getMessage().contains("kafka-history-it-no-such-topic"), e.getMessage());
    }

    private static Map<String, Object> config() {
        return Map.of("bootstrap.servers", KafkaTestCluster.bootstrapServers());
    }

    private static Instant at(int index) {
        return BASE.plusSeconds(10L * index);
    }

    private static ProducerRecord<String, byte[]> reading(String entity, int recordIndex, int eventIndex,
            Map<String, Double> values) {
        SensorReading reading = SensorReading.newBuilder().setEntityId(entity)
                .setTimestamp(at(0).plusSeconds(10L * eventIndex)).setReadings(new TreeMap<>(values)).build();
        return raw(entity, recordIndex, AvroSerdes.readings().encode(reading));
    }

    private static ProducerRecord<String, byte[]> raw(String entity, int recordIndex, byte[] value) {
        return new ProducerRecord<>(TOPIC, null, at(recordIndex).toEpochMilli(), entity, value);
    }
}
