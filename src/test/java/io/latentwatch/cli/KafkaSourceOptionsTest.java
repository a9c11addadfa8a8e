package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.KafkaHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The Kafka source options as a command sees them after parsing; needs no broker. */
class KafkaSourceOptionsTest {

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        KafkaSourceOptions source;
    }

    private static KafkaSourceOptions parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.source;
    }

    @Test
    void optionsBecomeARequestAndConsumerProperties() {
        KafkaSourceOptions o = parse("--bootstrap-servers", "k1:9092", "--topic", "plant-a",
                "--from", "2025-03-01T00:00:00Z", "--to", "2025-03-02T01:00:00+01:00",
                "--kafka", "security.protocol=SSL", "--kafka", "bootstrap.servers=ignored:1");

        KafkaHistory.Request request = o.request(List.of("temp", "flow"));

        assertEquals("plant-a", request.topic());
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), request.from());
        assertEquals(Instant.parse("2025-03-02T00:00:00Z"), request.to());
        assertEquals(List.of("temp", "flow"), request.channels());
        assertEquals(Map.of("security.protocol", "SSL", "bootstrap.servers", "k1:9092"), o.consumerConfig());
        assertEquals("kafka:plant-a[2025-03-01T00:00:00Z,2025-03-02T00:00:00Z)", o.describe());
    }

    @Test
    void timesWithoutOffsetAreUtcAndTheTopicHasADefault() {
        KafkaSourceOptions o = parse("--bootstrap-servers", "k:9092", "--from", "2025-03-01",
                "--to", "2025-03-01T12:30:00");

        KafkaHistory.Request request = o.request(null);

        assertEquals("sensor-readings", request.topic());
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), request.from());
        assertEquals(Instant.parse("2025-03-01T12:30:00Z"), request.to());
        assertTrue(request.channels().isEmpty());
    }

    @Test
    void aBadTimeNamesTheTextAndTheExpectedForms() {
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--from", "yesterday"));

        assertTrue(e.getMessage().contains("'yesterday' is not a time"), e.getMessage());
        assertTrue(e.getMessage().contains("2025-03-01T00:00:00Z"), e.getMessage());
    }

    @Test
    void missingOptionsAreNamedWhenTheRequestIsMade() {
        LatentwatchException servers = assertThrows(LatentwatchException.class,
                () -> parse("--from", "2025-03-01", "--to", "2025-03-02").request(null));
        LatentwatchException to = assertThrows(LatentwatchException.class,
                () -> parse("--bootstrap-servers", "k:9092", "--from", "2025-03-01").request(null));
        LatentwatchException empty = assertThrows(LatentwatchException.class,
                () -> parse("--bootstrap-servers", "k:9092", "--from", "2025-03-02", "--to", "2025-03-01")
                        .request(null));

        assertTrue(servers.getMessage().contains("--bootstrap-servers"), servers.getMessage());
        assertTrue(to.getMessage().contains("--to"), to.getMessage());
        assertTrue(empty.getMessage().contains("'to' must be after 'from'"), empty.getMessage());
    }
}
