package io.latentwatch.jmh;

import io.latentwatch.threshold.AdaptiveThreshold;
import io.latentwatch.threshold.Decision;
import io.latentwatch.threshold.ThresholdConfig;
import io.latentwatch.threshold.ThresholdKind;
import io.latentwatch.threshold.ThresholdStateCodec;
import io.latentwatch.threshold.Thresholds;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One adaptive-threshold update per window score, with the default settings of each kind, calibrated
 * on 1,000 seeded scores and then fed scores from the same distribution (so about 2% are SPOT peaks,
 * each of which refits the tail). {@code update} is the state machine alone; {@code restoreUpdateSave}
 * is what the scoring processor does per window: restore the entity's threshold from its stored
 * bytes, update it, and write its state back to bytes (minus the store itself).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ThresholdBenchmark {
    private static final int SCORES = 1 << 16;
    private static final double STATIC_THRESHOLD = 1.0;

    @Param({"SPOT", "DSPOT", "EWMA", "QUANTILE"})
    public ThresholdKind kind;

    private ThresholdConfig config;
    private AdaptiveThreshold threshold;
    private byte[] saved;
    private double[] scores;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        config = ThresholdConfig.defaults(kind);
        Random random = new Random(42);
        threshold = Thresholds.create(config, scores(random, 1_000), STATIC_THRESHOLD);
        scores = scores(random, SCORES);
        // Warm the state up to its steady size (SPOT and DSPOT keep up to 1,000 peaks).
        for (double s : scores(random, 100_000)) {
            threshold.update(s);
        }
        saved = ThresholdStateCodec.toBytes(threshold.state());
    }

    /** Reconstruction-error-like scores: positive, right-skewed (a squared Gaussian plus a little). */
    private static double[] scores(Random random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double g = random.nextGaussian();
            out[i] = 0.05 + 0.2 * g * g;
        }
        return out;
    }

    private double nextScore() {
        next = (next + 1) & (SCORES - 1);
        return scores[next];
    }

    @Benchmark
    public Decision update(CpuClock clock) {
        clock.count(1);
        return threshold.update(nextScore());
    }

    @Benchmark
    public byte[] restoreUpdateSave(CpuClock clock) {
        clock.count(1);
        AdaptiveThreshold restored = Thresholds.restore(config, saved);
        restored.update(nextScore());
        saved = ThresholdStateCodec.toBytes(restored.state());
        return saved;
    }
}
