package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.KafkaHistory;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.detect.DetectorConfig;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Command-line options that select a range of a Kafka topic's history as training data, for
 * commands to mix in with {@code @Mixin}; {@link #read} turns them into one series per entity.
 *
 * <p>None of the options is required by picocli, so a command can mix this in next to file inputs;
 * {@link #read} names any option that the Kafka source still lacks. The channels are not an option
 * here because commands already have their own {@code --channels}; pass them to {@link #read}.
 */
public final class KafkaSourceOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka: bootstrap servers of the cluster holding the history.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = DetectorConfig.DEFAULT_INPUT,
            description = "Kafka: topic of SensorReading records (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--from", paramLabel = "ISO", converter = InstantConverter.class,
            description = "Kafka: first event time to read, inclusive (e.g. 2025-03-01T00:00:00Z; a date alone "
                    + "or a time without offset is UTC).")
    Instant from;

    @Option(names = "--to", paramLabel = "ISO", converter = InstantConverter.class,
            description = "Kafka: end of the event-time range, exclusive.")
    Instant to;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE",
            description = "Kafka: any consumer property, repeatable (e.g. security.protocol=SSL).")
    Map<String, String> kafka = new LinkedHashMap<>();

    /**
     * The request these options describe.
     *
     * @param channels channel names in model order, or null or empty for every channel seen
     * @throws LatentwatchException naming the first missing option
     */
    public KafkaHistory.Request request(List<String> channels) {
        require(bootstrapServers, "--bootstrap-servers", "HOST:PORT");
        require(from, "--from", "an ISO time such as 2025-03-01T00:00:00Z");
        require(to, "--to", "an ISO time after --from");
        return KafkaHistory.Request.of(topic, from, to).withChannels(channels);
    }

    /** Consumer properties: the {@code --kafka} ones, then {@code --bootstrap-servers}. */
    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = new LinkedHashMap<>(kafka);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    /**
     * Reads the range with a progress bar on stderr and a summary line on {@code err}.
     *
     * @param channels channel names in model order, or null or empty for the sorted union of channels seen
     * @return one series per entity, in entity-id order
     * @throws LatentwatchException when an option is missing, the read fails, or the range holds no reading
     */
    public List<TimeSeries> read(List<String> channels, PrintWriter err) {
        KafkaHistory.Request request = request(channels);
        KafkaHistory.Result result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("records").setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            result = KafkaHistory.read(consumerConfig(), request, bar::stepTo);
        }
        err.printf("read %d records of %s in [%s, %s): %d entities, %d undecodable and %d out-of-range "
                        + "records skipped%n", result.recordsRead(), topic, from, to, result.series().size(),
                result.undecodable(), result.outOfRange());
        if (result.series().isEmpty()) {
            throw new LatentwatchException("topic " + topic + " holds no readings in [" + from + ", " + to
                    + ") that decode" + (request.channels().isEmpty() ? "" : " with channels " + request.channels()));
        }
        return result.seriesList();
    }

    /** A short name of the source for model cards and logs: {@code kafka:TOPIC[FROM,TO)}. */
    public String describe() {
        return "kafka:" + topic + "[" + from + "," + to + ")";
    }

    private static void require(Object value, String option, String expected) {
        if (value == null) {
            throw new LatentwatchException("reading from Kafka needs " + option + " (" + expected + ")");
        }
    }

    /** Parses ISO-8601 instants; a time without offset, or a date alone, is taken as UTC. */
    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String text = value.strip();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException withoutOffset) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notADateTime) {
                    try {
                        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException e) {
                        throw new CommandLine.TypeConversionException("'" + value + "' is not a time; expected "
                                + "ISO-8601 such as 2025-03-01T00:00:00Z, 2025-03-01T01:00:00+01:00, "
                                + "2025-03-01T00:00:00 (UTC) or 2025-03-01 (UTC)");
                    }
                }
            }
        }
    }
}
