package io.latentwatch.cli;

import io.latentwatch.demo.Demo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latentwatch demo}: the whole product on an embedded broker, in one command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run an embedded Kafka broker, a simulated plant with injected anomalies, the detector "
                + "with the shipped model and a live alert printer; then score what was detected.")
final class DemoCommand implements Callable<Integer> {
    static final String DEFAULT_MODEL = "models/demo-pump";

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "How long the plant runs (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--entities", defaultValue = "5", description = "Simulated pumps (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--rate", defaultValue = "20", description = "Readings per second per pump (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", defaultValue = "7", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model directory (default: " + DEFAULT_MODEL + " of this installation).")
    Path model;

    @picocli.CommandLine.Mixin
    DetectorOptions detection;

    @Override
    public Integer call() {
        Demo demo = new Demo(new Demo.Options(model != null ? model : defaultModel(), entities, rate, duration, seed,
                detection.apply(io.latentwatch.detect.DetectorConfig.defaults())), System.out);
        Thread hook = new Thread(demo::stop, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        demo.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
        return 0;
    }

    /** models/demo-pump in the working directory, else beside the launcher (LATENTWATCH_HOME). */
    static Path defaultModel() {
        Path local = Path.of(DEFAULT_MODEL);
        String home = System.getenv("LATENTWATCH_HOME");
        if (!Files.isDirectory(local) && home != null) {
            return Path.of(home).resolve(DEFAULT_MODEL);
        }
        return local;
    }
}
