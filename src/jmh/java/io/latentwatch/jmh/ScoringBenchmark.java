package io.latentwatch.jmh;

import io.latentwatch.onnx.OnnxScorer;
import io.latentwatch.onnx.Scores;
import io.latentwatch.train.ModelTrainer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Scoring one batch of windows with {@link OnnxScorer} (one intra-op and one inter-op thread, as in
 * the detector) for the dense 64-32-8-32-64 model. The primary result is calls per second; the
 * secondary {@code windows} is windows per second (batch x calls). Because the runtime uses the
 * benchmark thread only, a second is a CPU-second when the thread is not preempted; on a shared
 * machine it may be, so {@link CpuClock} also prints windows per CPU-second of the benchmark thread and
 * of the whole forked JVM.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBenchmark {
    @Param({"1", "8", "64", "256"})
    public int batch;

    private OnnxScorer scorer;
    private float[][] windows;

    @Setup(Level.Trial)
    public void setUp() {
        ModelTrainer.Trained model = BenchModel.trained();
        scorer = new OnnxScorer(model.onnx(), BenchModel.FEATURES, BenchModel.CHANNELS.size(), "bench-dense");
        Random random = new Random(42);
        windows = new float[batch][BenchModel.FEATURES];
        for (float[] w : windows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) random.nextGaussian();
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scorer.close();
    }

    @Benchmark
    public Scores score(WindowCount count, CpuClock clock) {
        count.windows += batch;
        clock.count(batch);
        return scorer.score(windows);
    }

    /** Windows scored, reported by JMH per second next to the calls per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class WindowCount {
        public long windows;

        @Setup(Level.Iteration)
        public void reset() {
            windows = 0;
        }
    }
}
