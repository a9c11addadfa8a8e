package io.latentwatch.jmh;

import com.sun.management.OperatingSystemMXBean;
import io.latentwatch.onnx.OnnxScorer;
import io.latentwatch.onnx.Scores;
import io.latentwatch.train.ModelTrainer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Scoring one batch of windows with {@link OnnxScorer} (one intra-op and one inter-op thread, as in
 * the detector) for the dense 64-32-8-32-64 model. The primary result is calls per second; the
 * secondary {@code windows} is windows per second (batch x calls). Because the runtime uses the
 * benchmark thread only, a second is a CPU-second when the thread is not preempted; on a shared
 * machine it may be, so the trial also prints windows per second of CPU time over the measurement
 * iterations: of the benchmark thread alone, and of the whole forked JVM (JIT and GC threads included).
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
        clock.windows += batch;
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

    /**
     * CPU time over the measurement iterations, of the benchmark thread and of the whole JVM, and the
     * windows scored in them.
     */
    @State(Scope.Thread)
    public static class CpuClock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private static final OperatingSystemMXBean PROCESS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long windows;
        private long windowsTotal;
        private long threadNanos;
        private long processNanos;
        private long wallNanos;
        private long threadStart;
        private long processStart;
        private long wallStart;
        private boolean measuring;

        @Setup(Level.Iteration)
        public void start(IterationParams iteration) {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            windows = 0;
            wallStart = System.nanoTime();
            processStart = PROCESS.getProcessCpuTime();
            threadStart = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            long thread = THREADS.getCurrentThreadCpuTime();
            long process = PROCESS.getProcessCpuTime();
            long wall = System.nanoTime();
            if (measuring) {
                threadNanos += thread - threadStart;
                processNanos += process - processStart;
                wallNanos += wall - wallStart;
                windowsTotal += windows;
            }
        }

        @TearDown(Level.Trial)
        public void report() {
            if (threadNanos > 0 && processNanos > 0) {
                System.out.printf(Locale.ROOT, "%nwindows per CPU-second: %.0f of the benchmark thread, %.0f of the"
                                + " whole JVM (%d windows; %.3f s thread CPU, %.3f s JVM CPU, %.3f s wall)%n",
                        windowsTotal / (threadNanos / 1e9), windowsTotal / (processNanos / 1e9), windowsTotal,
                        threadNanos / 1e9, processNanos / 1e9, wallNanos / 1e9);
            }
        }
    }
}
