package io.latentwatch.jmh;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Counts a benchmark's work against CPU time, because JMH's scores are per wall-clock second and a
 * shared machine preempts the benchmark thread. Over the measurement iterations it sums the items
 * the benchmark reports through {@link #count} and the CPU time of the benchmark thread and of the
 * whole forked JVM (JIT and GC threads included), and at the end of the trial prints one line:
 * {@code cpu: <benchmark> <params>: <items> per CPU-second ...}.
 */
@State(Scope.Thread)
public class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private long items;
    private long itemsTotal;
    private long threadNanos;
    private long processNanos;
    private long wallNanos;
    private long threadStart;
    private long processStart;
    private long wallStart;
    private boolean measuring;

    /** Adds {@code n} items (calls, records, windows) done by the benchmark thread. */
    public void count(long n) {
        items += n;
    }

    @Setup(Level.Iteration)
    public void start(IterationParams iteration) {
        measuring = iteration.getType() == IterationType.MEASUREMENT;
        items = 0;
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
            itemsTotal += items;
        }
    }

    @TearDown(Level.Trial)
    public void report(BenchmarkParams benchmark) {
        if (threadNanos <= 0 || processNanos <= 0) {
            return;
        }
        String params = benchmark.getParamsKeys().stream().map(k -> k + "=" + benchmark.getParam(k))
                .collect(Collectors.joining(" "));
        System.out.printf(Locale.ROOT, "%ncpu: %s %s: %.0f per CPU-second of the benchmark thread, %.0f of the whole"
                        + " JVM (%d items; %.3f s thread CPU, %.3f s JVM CPU, %.3f s wall)%n",
                benchmark.getBenchmark(), params, itemsTotal / (threadNanos / 1e9), itemsTotal / (processNanos / 1e9),
                itemsTotal, threadNanos / 1e9, processNanos / 1e9, wallNanos / 1e9);
    }
}
