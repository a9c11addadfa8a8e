package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import io.latentwatch.generate.GenerationRequest;
import io.latentwatch.generate.KafkaReadingSink;
import io.latentwatch.generate.ReadingSink;
import io.latentwatch.generate.ReadingSinks;
import io.latentwatch.generate.WindowGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwatch generate}: synthetic readings sampled from a VAE's latent prior, to a topic or a file. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Sample synthetic sensor readings from a VAE model: z ~ N(0, I), decoded and de-normalised.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "VAE model directory (models/NAME).")
    Path model;

    @Option(names = "--count", required = true, paramLabel = "N",
            description = "Windows to generate; each becomes WINDOW readings.")
    int count;

    @Option(names = "--topic", description = "Kafka topic to produce to (with --bootstrap-servers).")
    String topic;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to produce to.")
    String bootstrapServers;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE",
            description = "Kafka: any producer property, repeatable (e.g. security.protocol=SSL).")
    Map<String, String> kafka = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write FILE.csv or FILE.avro instead of producing.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the latent draws (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--entity", defaultValue = GenerationRequest.DEFAULT_ENTITY,
            description = "Entity id of the readings, also the record key (default: ${DEFAULT-VALUE}).")
    String entity;

    @Option(names = "--step", defaultValue = "1s", converter = DurationConverter.class,
            description = "Event time between readings, e.g. 100ms, 1s (default: ${DEFAULT-VALUE}).")
    Duration step;

    @Option(names = "--start", paramLabel = "ISO", converter = KafkaSourceOptions.InstantConverter.class,
            description = "Event time of the first reading, ISO-8601 (default: now, to the second).")
    Instant start;

    @Override
    public Integer call() {
        boolean toKafka = topic != null || bootstrapServers != null;
        if (toKafka == (out != null)) {
            throw new LatentwatchException("give either --out FILE.csv|FILE.avro, or --topic and --bootstrap-servers");
        }
        if (toKafka && (topic == null || bootstrapServers == null)) {
            throw new LatentwatchException("producing to Kafka needs both --topic and --bootstrap-servers");
        }
        GenerationRequest request = new GenerationRequest(count, seed, entity,
                start != null ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS), step);
        try (WindowGenerator generator = WindowGenerator.load(model);
             ReadingSink sink = toKafka ? new KafkaReadingSink(bootstrapServers, topic, kafka)
                     : ReadingSinks.forFile(out, generator.card().features().channels())) {
            long readings = generator.generate(request, sink);
            command.commandLine().getOut().printf("generated %d windows (%d readings of %s) with model %s to %s%n",
                    count, readings, entity, generator.card().name(), sink.describe());
        }
        return 0;
    }
}
