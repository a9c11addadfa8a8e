package io.latentwatch.cli;

import io.latentwatch.bench.Bench;
import io.latentwatch.bench.BenchOptions;
import io.latentwatch.bench.BenchReport;
import io.latentwatch.train.ArchitectureOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwatch bench}: end-to-end throughput and latency on an embedded broker. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure end-to-end throughput on an embedded Kafka broker: a pass-through topology (the "
                + "ceiling), the detector (exactly-once, as in production) and the same topology with a Random Cut "
                + "Forest instead of the autoencoder, on the same pre-produced readings; then the detector's "
                + "event-to-score latency at a fixed rate and its state bytes per idle entity. Writes DIR/bench.json.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for bench.json.")
    Path out;

    @Option(names = "--entities", defaultValue = "20", description = "Entities the readings are spread over (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--channels", defaultValue = "6", description = "Channels per reading (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--records", defaultValue = "100000",
            description = "Readings each throughput phase processes (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--window", defaultValue = "32", description = "Readings per window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--hop", defaultValue = "4", description = "Readings between windows (default: ${DEFAULT-VALUE}).")
    int hop;

    @Mixin
    ArchitectureArguments architecture = new ArchitectureArguments();

    @Option(names = "--latency-rate", defaultValue = "0",
            description = "Readings/s offered in the latency phase; 0 = half the detector's measured rate "
                    + "(default: ${DEFAULT-VALUE}).")
    double latencyRate;

    @Option(names = "--latency-duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long the latency phase produces (default: ${DEFAULT-VALUE}).")
    Duration latencyDuration;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the readings and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        BenchOptions options = options();
        PrintWriter console = command.commandLine().getOut();
        BenchReport report = new Bench(options, console, System.err).run();
        Path file = report.write(out);
        console.println();
        console.print(report.table());
        console.println("written " + file);
        return 0;
    }

    /** The options as given, validated. */
    BenchOptions options() {
        ArchitectureOptions arch = architecture.toOptions(command.commandLine().getParseResult());
        return new BenchOptions(entities, channels, records, window, hop, arch, latencyRate, latencyDuration, seed);
    }
}
