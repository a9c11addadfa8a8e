package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.sim.PlantSimulator;
import io.latentwatch.sim.SimulatorConfig;
import io.latentwatch.sim.SimulatorCsv;
import io.latentwatch.sim.SimulatorRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwatch simulate}: plays a simulated pump plant into a topic, or writes it as CSV. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a plant of pumps (6 correlated channels each) with injected anomalies.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka to produce to.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "sensor-readings", description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--csv", paramLabel = "DIR",
            description = "Write one CSV file per entity into DIR instead of producing to Kafka (training data).")
    Path csv;

    @Option(names = "--entities", defaultValue = "5", description = "Number of pumps (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--rate", defaultValue = "20",
            description = "Readings per second per pump, in event time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "Event-time span to simulate, e.g. 90s, 10m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--anomalies", defaultValue = "true", arity = "1",
            description = "Inject anomalies: true|false (default: ${DEFAULT-VALUE}).")
    boolean anomalies;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", description = "Event time of the first reading, ISO-8601 (default: now).")
    Instant start;

    @Option(names = "--as-fast-as-possible", description = "Produce without pacing to the rate in wall time.")
    boolean fast;

    @Override
    public Integer call() {
        PlantSimulator simulator = new PlantSimulator(new SimulatorConfig(entities, rate, duration, anomalies, seed,
                start != null ? start : Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        if (csv != null) {
            long rows = SimulatorCsv.write(simulator, csv);
            command.commandLine().getOut().printf("wrote %d readings of %d pumps under %s%n", rows, entities, csv);
            return 0;
        }
        if (bootstrapServers == null) {
            throw new LatentwatchException("give --bootstrap-servers to produce to Kafka, or --csv DIR to write files");
        }
        try (SimulatorRunner runner = SimulatorRunner.create(simulator, bootstrapServers, topic,
                AvroSerdes.readings()::encode,
                fast ? SimulatorRunner.Pacing.AS_FAST_AS_POSSIBLE : SimulatorRunner.Pacing.REAL_TIME)) {
            Runtime.getRuntime().addShutdownHook(new Thread(runner::stop, "simulate-stop"));
            long sent = runner.run();
            command.commandLine().getOut().printf("produced %d readings of %d pumps to %s%n", sent, entities, topic);
        }
        return 0;
    }
}
