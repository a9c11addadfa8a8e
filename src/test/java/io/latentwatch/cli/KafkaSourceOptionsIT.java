package io.latentwatch.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.it.KafkaTestCluster;
import io.latentwatch.serde.AvroSerdes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The Kafka source options read a topic's history as a command would, on the shared broker. */
class KafkaSourceOptionsIT {
    private static final String TOPIC = "kafka-source-options-it";

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        KafkaSourceOptions source;
    }

    @Test
    void readsOneSeriesPerEntityAndSaysWhatItSkipped() {
        KafkaTestCluster.createTopics(1, TOPIC);
        Instant base = Instant.parse("2025-04-01T00:00:00Z");
        List<Map.Entry<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            for (String entity : List.of("pump-02", "pump-01")) {
                SensorReading r = SensorReading.newBuilder().setEntityId(entity).setTimestamp(base.plusSeconds(i))
                        .setReadings(Map.of("temp", 20.0 + i)).build();
                records.add(Map.entry(entity, AvroSerdes.readings().encode(r)));
            }
            if (i == 5) {
                records.add(Map.entry("pump-01", "garbage".getBytes(UTF_8)));
            }
        }
        KafkaTestCluster.produce(TOPIC, records);
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--bootstrap-servers", KafkaTestCluster.bootstrapServers(),
                "--topic", TOPIC, "--from", "2025-04-01T00:00:02Z", "--to", "2025-04-01T00:00:10Z");
        StringWriter err = new StringWriter();

        List<TimeSeries> series = probe.source.read(List.of(), new PrintWriter(err, true));

        assertEquals(2, series.size());
        assertEquals(List.of(8, 8), series.stream().map(TimeSeries::rows).toList());
        assertEquals(22.0, series.get(0).values()[0][0]);
        assertTrue(err.toString().contains("2 entities, 1 undecodable"), err.toString());
    }

    @Test
    void anEmptyRangeIsAnError() {
        KafkaTestCluster.createTopics(1, TOPIC + "-empty");
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs("--bootstrap-servers", KafkaTestCluster.bootstrapServers(),
                "--topic", TOPIC + "-empty", "--from", "2025-04-01", "--to", "2025-04-02");

        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> probe.source.read(null, new PrintWriter(new StringWriter(), true)));

        assertTrue(e.getMessage().contains("holds no readings"), e.getMessage());
    }
}
