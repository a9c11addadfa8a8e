package io.latentwatch.bench;

import io.latentwatch.LatentwatchException;
import io.latentwatch.ScratchDirectory;
import io.latentwatch.broker.EmbeddedKafka;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.eval.RcfBaseline;
import io.latentwatch.model.DetectorModel;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * {@code latentwatch bench}: on an embedded broker, the same pre-produced readings go through a
 * pass-through topology (the ceiling), the production detector and the detector's topology with a
 * Random Cut Forest instead of the autoencoder, one after the other; then the detector runs once
 * more at a fixed offered rate to measure event-to-score latency. Everything runs in this JVM.
 */
public final class Bench {
    static final String INPUT = "bench-readings";
    static final String PASSTHROUGH_OUT = "bench-passthrough";
    static final String ALERTS = "bench-alerts";
    static final String RCF_ANOMALIES = "bench-rcf-anomalies";
    static final String LATENCY_INPUT = "bench-latency-readings";
    static final String LATENCY_ALERTS = "bench-latency-alerts";
    static final String LATENCY_SCORES = "bench-latency-scores";
    static final int PARTITIONS = 2;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration LAST_BATCH_TIMEOUT = Duration.ofSeconds(30);

    private final BenchOptions options;
    private final PrintWriter out;
    private final PrintStream progress;

    /**
     * @param out where the steps and the table go
     * @param progress where progress bars go (the console's stderr)
     */
    public Bench(BenchOptions options, PrintWriter out, PrintStream progress) {
        this.options = options;
        this.out = out;
        this.progress = progress;
    }

    /** Runs every phase and returns what was measured. */
    public BenchReport run() {
        SyntheticReadings signals = new SyntheticReadings(options.channels());
        Path stateDir = ScratchDirectory.create("latentwatch-bench-state");
        try (DetectorModel model = train(signals)) {
            out.println("starting an embedded Kafka broker ...");
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                String bootstrap = kafka.bootstrapServers();
                kafka.createTopics(PARTITIONS, INPUT, PASSTHROUGH_OUT, LATENCY_INPUT, LATENCY_SCORES);
                kafka.createTopics(1, ALERTS, RCF_ANOMALIES, LATENCY_ALERTS, INPUT + ".dlq", LATENCY_INPUT + ".dlq");
                try (ReadingProducer bulk = new ReadingProducer(bootstrap, signals, options.entities(), false)) {
                    try (ProgressBar bar = bar("produce", options.records())) {
                        bulk.produceAll(INPUT, options.records(), options.seed(), bar::stepTo);
                    }
                }
                out.printf(Locale.ROOT, "produced %,d readings of %d entities x %d channels to %s (%d partitions)%n",
                        options.records(), options.entities(), options.channels(), INPUT, PARTITIONS);
                ThroughputPhase phase = new ThroughputPhase(bootstrap, INPUT, stateDir, PHASE_TIMEOUT);
                PhaseResult passthrough = passthrough(phase);
                DetectorConfig config = DetectorConfig.defaults().withTopics(INPUT, ALERTS);
                DetectorStats stats = new DetectorStats();
                AtomicReference<StateFootprint> state = new AtomicReference<>();
                long expected = expectedWindows(options.records());
                PhaseResult detector = run(phase, new ThroughputPhase.Spec("detector",
                        DetectorTopology.build(config, model, stats), "latentwatch-bench-detector", stats::records,
                        streams -> {
                            awaitQuietly(() -> stats.windowsScored() >= expected, "the detector's last batch");
                            state.set(StateFootprint.measure(streams, config, options.channels(), options.window(),
                                    SyntheticReadings.entity(options.entities() - 1)));
                        }));
                checkProcessed(detector, stats.skipped());
                long detectorWindows = stats.windowsScored();
                AtomicLong rcfWindows = new AtomicLong();
                DetectorStats rcfStats = new DetectorStats();
                PhaseResult rcf = run(phase, new ThroughputPhase.Spec("rcf", RcfTopology.build(
                        config.withTopics(INPUT, RCF_ANOMALIES), model, rcfStats, RcfBaseline.DEFAULT, rcfWindows),
                        "latentwatch-bench-rcf", rcfStats::records, streams -> { }));
                checkProcessed(rcf, rcfStats.skipped());
                LatencyResult latency = latency(bootstrap, stateDir, signals, model, detector.recordsPerSecond());
                return new BenchReport(options, model.name(), passthrough, detector, rcf, detectorWindows,
                        rcfWindows.get(), latency, state.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("bench interrupted", e);
        } finally {
            ScratchDirectory.deleteQuietly(stateDir);
        }
    }

    private DetectorModel train(SyntheticReadings signals) {
        out.printf(Locale.ROOT, "training a %s model on %d synthetic rows x %d channels (window %d, hop %d) ...%n",
                options.architecture().kind().word(), BenchModel.rows(options), options.channels(), options.window(),
                options.hop());
        try (ProgressBar bar = bar("train", BenchModel.EPOCHS)) {
            return BenchModel.train(options, signals, (epoch, epochs, trainLoss, validationLoss, best) -> bar.stepTo(epoch));
        }
    }

    private PhaseResult passthrough(ThroughputPhase phase) throws InterruptedException {
        AtomicLong processed = new AtomicLong();
        PhaseResult result = run(phase, new ThroughputPhase.Spec("passthrough",
                PassThroughTopology.build(INPUT, PASSTHROUGH_OUT, processed), "latentwatch-bench-passthrough",
                processed::get, streams -> { }));
        checkProcessed(result, 0);
        return result;
    }

    private PhaseResult run(ThroughputPhase phase, ThroughputPhase.Spec spec) throws InterruptedException {
        out.printf("phase %s ...%n", spec.name());
        PhaseResult result;
        try (ProgressBar bar = bar(spec.name(), options.records())) {
            result = phase.run(spec, (done, total) -> bar.stepTo(done));
        }
        out.printf(Locale.ROOT, "  %s: %,d records in %.2f s = %,.0f records/s%n", result.name(), result.records(),
                result.seconds(), result.recordsPerSecond());
        return result;
    }

    private LatencyResult latency(String bootstrap, Path stateDir, SyntheticReadings signals, DetectorModel model,
                                  double detectorRps) throws InterruptedException {
        // Event times are the wall clock in ms and must increase per entity, so at most 1,000 readings/s per entity.
        double rate = options.latencyRate() > 0 ? options.latencyRate()
                : Math.min(Math.floor(detectorRps / 2), 1000.0 * options.entities());
        if (rate > 1000.0 * options.entities()) {
            throw new LatentwatchException(String.format(Locale.ROOT, "--latency-rate %.0f is above 1,000 readings/s "
                    + "per entity (%d entities); expected at most %d", rate, options.entities(),
                    1000L * options.entities()));
        }
        out.printf(Locale.ROOT, "phase latency: %.0f readings/s for %d s, scores read read_committed ...%n", rate,
                options.latencyDuration().toSeconds());
        DetectorConfig config = DetectorConfig.defaults().withTopics(LATENCY_INPUT, LATENCY_ALERTS)
                .withOptionalTopics(LATENCY_SCORES, null, null);
        DetectorStats stats = new DetectorStats();
        try (ReadingProducer paced = new ReadingProducer(bootstrap, signals, options.entities(), true)) {
            LatencyResult result = new LatencyPhase(bootstrap, stateDir).run(DetectorTopology.build(config, model, stats),
                    stats, paced, new LatencyPhase.Pacing(LATENCY_INPUT, LATENCY_SCORES, rate, options.latencyDuration(),
                            options.seed() + 1, this::expectedWindows));
            out.printf(Locale.ROOT, "  latency: p50 %.0f ms, p99 %.0f ms over %,d windows%n", result.p50Ms(),
                    result.p99Ms(), result.samples());
            return result;
        }
    }

    /** Windows that {@code readings} readings spread round robin over the entities make. */
    long expectedWindows(long readings) {
        long windows = 0;
        for (int e = 0; e < options.entities(); e++) {
            long perEntity = readings / options.entities() + (e < readings % options.entities() ? 1 : 0);
            windows += perEntity < options.window() ? 0 : (perEntity - options.window()) / options.hop() + 1;
        }
        return windows;
    }

    private void checkProcessed(PhaseResult result, long skipped) {
        if (result.records() != options.records() || result.committed() != options.records() || skipped != 0) {
            throw new LatentwatchException("the " + result.name() + " phase processed " + result.records()
                    + " records and committed " + result.committed() + " (" + skipped + " dead-lettered); expected "
                    + options.records() + " of each and none dead-lettered");
        }
    }

    private static void awaitQuietly(BooleanSupplier condition, String what) {
        try {
            ThroughputPhase.await(condition, LAST_BATCH_TIMEOUT, what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("interrupted waiting for " + what, e);
        }
    }

    private ProgressBar bar(String task, long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(progress)).setUpdateIntervalMillis(500).build();
    }
}
