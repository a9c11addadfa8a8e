package io.latentwatch.demo;

import io.latentwatch.LatentwatchException;
import io.latentwatch.ScratchDirectory;
import io.latentwatch.broker.EmbeddedKafka;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.detect.StreamsSettings;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.sim.PlantSimulator;
import io.latentwatch.sim.SimulatorConfig;
import io.latentwatch.sim.SimulatorRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The embedded default: a real Kafka broker inside this JVM, a simulated plant with injected
 * anomalies, the detector with a shipped model, and a live alert printer; at the end a scoreboard
 * of which injected anomalies were detected.
 */
public final class Demo {
    private static final String INPUT = DetectorConfig.DEFAULT_INPUT;
    private static final String ALERTS = DetectorConfig.DEFAULT_ALERTS;
    private static final int INPUT_PARTITIONS = 2;

    /**
     * @param model the model directory to detect with
     * @param entities simulated pumps
     * @param rate readings per second per pump
     * @param duration how long the plant runs (event time and wall time alike)
     * @param seed the simulator's seed
     * @param detector the detector's settings (its topics are the demo's own)
     */
    public record Options(Path model, int entities, double rate, Duration duration, long seed,
                          DetectorConfig detector) {
    }

    private final Options options;
    private final PrintStream out;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile SimulatorRunner runner;

    public Demo(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the demo to its end (or until {@link #stop()}); returns the scoreboard's outcome. */
    public Result run() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        PlantSimulator plant = new PlantSimulator(new SimulatorConfig(options.entities(), options.rate(),
                options.duration(), true, options.seed(), start));
        Scoreboard scoreboard = new Scoreboard(plant.schedule());
        Path stateDir = ScratchDirectory.create("latentwatch-demo-state");
        DetectorStats stats = new DetectorStats();
        try (DetectorModel model = DetectorModel.load(options.model())) {
            out.printf("model %s version %s: %d channels, window %d, hop %d, threshold %.5f%n", model.name(),
                    model.version(), model.spec().channelCount(), model.spec().window(), model.spec().hop(),
                    model.threshold());
            if (!model.spec().channels().containsAll(io.latentwatch.sim.Channel.NAMES)) {
                throw new LatentwatchException("model " + options.model() + " expects channels "
                        + model.spec().channels() + ", but the simulator produces " + io.latentwatch.sim.Channel.NAMES);
            }
            out.println("starting an embedded Kafka broker ...");
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                kafka.createTopics(INPUT_PARTITIONS, INPUT);
                kafka.createTopics(1, ALERTS);
                DetectorConfig d = options.detector().withTopics(INPUT, ALERTS);
                kafka.createTopics(1, d.deadLetters());
                for (String optional : new String[] {d.scoresTopic(), d.embeddingsTopic(), d.denoisedTopic()}) {
                    if (optional != null) {
                        kafka.createTopics(INPUT_PARTITIONS, optional);
                    }
                }
                out.printf("broker at %s; topics %s (%d partitions), %s%n", kafka.bootstrapServers(), INPUT,
                        INPUT_PARTITIONS, ALERTS);
                try (KafkaStreams streams = new KafkaStreams(DetectorTopology.build(options.detector().withTopics(INPUT, ALERTS), model,
                        stats), StreamsSettings.of(kafka.bootstrapServers(), "latentwatch-demo", stateDir, null));
                     AlertPrinter printer = new AlertPrinter(kafka.bootstrapServers(), ALERTS, 1, scoreboard, out);
                     SimulatorRunner sim = SimulatorRunner.create(plant, kafka.bootstrapServers(), INPUT,
                             AvroSerdes.readings()::encode, SimulatorRunner.Pacing.REAL_TIME)) {
                    streams.start();
                    await(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(60),
                            "the detector to start");
                    printer.start();
                    runner = sim;
                    out.printf("simulating %d pumps at %.0f readings/s each for %ds, with %d injected anomalies%n",
                            options.entities(), options.rate(), options.duration().toSeconds(), plant.schedule().size());
                    sim.start();
                    sim.awaitCompletion(options.duration().plusMinutes(5));
                    long sent = sim.sent();
                    await(() -> stats.records() >= sent, Duration.ofSeconds(30), "the detector to catch up");
                    long perEntity = sent / options.entities();
                    long windows = options.entities() * Math.max(0,
                            (perEntity - model.spec().window()) / model.spec().hop() + 1);
                    await(() -> stats.windowsScored() >= windows, Duration.ofSeconds(30),
                            "the last batch to be scored");
                    await(() -> printer.received() >= stats.alerts(), Duration.ofSeconds(30),
                            "the last alerts to be committed");
                    Instant horizon = start.plusMillis((long) (1000 * (sent / (double) options.entities()
                            - model.spec().window()) / options.rate()));
                    return summarise(scoreboard, horizon, stats);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("demo interrupted", e);
        } finally {
            ScratchDirectory.deleteQuietly(stateDir);
            finished.countDown();
        }
    }

    /** Ends the simulation early; {@link #run()} then summarises what it saw. Waits for it to finish. */
    public void stop() {
        SimulatorRunner r = runner;
        if (r != null) {
            r.stop();
        }
        try {
            finished.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The demo's outcome, as printed on its last line; false alerts are incidents that explain no anomaly. */
    public record Result(int injected, int detected, int missed, long falseAlerts) {
        public String line() {
            return "injected=" + injected + " detected=" + detected + " missed=" + missed + " false_alerts="
                    + falseAlerts;
        }
    }

    private Result summarise(Scoreboard scoreboard, Instant horizon, DetectorStats stats) {
        List<Scoreboard.Outcome> outcomes = scoreboard.outcomes(horizon).stream()
                .sorted(Comparator.comparing((Scoreboard.Outcome o) -> o.anomaly().startTime())).toList();
        out.println();
        out.printf("%-9s %-19s %-12s %-12s %-9s %s%n", "entity", "kind", "channel", "start", "detected", "delay");
        int detected = 0;
        for (Scoreboard.Outcome o : outcomes) {
            if (o.detected()) {
                detected++;
            }
            out.printf(Locale.ROOT, "%-9s %-19s %-12s %-12s %-9s %s%n", o.anomaly().entityId(), o.anomaly().kind(),
                    o.anomaly().channel(), java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
                            .withZone(java.time.ZoneOffset.UTC).format(o.anomaly().startTime()),
                    o.detected() ? "yes" : "MISSED",
                    o.delay().map(d -> String.format(Locale.ROOT, "%.2fs", d.toMillis() / 1000.0)).orElse("-"));
        }
        out.printf("%nreadings %d, windows scored %d in %d batches, incidents %d (alerts %d), late %d, skipped %d%n",
                stats.records(), stats.windowsScored(), stats.batches(), scoreboard.incidents(), scoreboard.alertCount(),
                stats.late(), stats.skipped());
        Result result = new Result(outcomes.size(), detected, outcomes.size() - detected, scoreboard.falseIncidents());
        out.println(result.line());
        return result;
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new LatentwatchException("timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
