package io.latentwatch.bench;

import io.latentwatch.nn.AutoencoderTrainer;
import io.latentwatch.nn.DenseAutoencoder;
import io.latentwatch.nn.DenseAutoencoderConfig;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.nn.TrainingConfig;
import io.latentwatch.nn.TrainingResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * Measures how many training samples per CPU-second the Java trainer processes, single-threaded,
 * for the dense 64-32-8-32-64 autoencoder with batch 256 and Adam, so it can be set against the same
 * model in PyTorch ({@code bench/train_throughput_torch.py}); run by {@code bench/train-throughput.sh}.
 *
 * <p>Data: {@code 16 x 4} windows of seeded noisy sines, flattened to 64 features. A warm-up run of
 * {@code warmup} epochs lets the JIT compile the loops; a fresh model then trains {@code epochs}
 * epochs, each followed by the trainer's validation pass over {@code 256} held-out rows (one batch,
 * as the PyTorch script does). Only the training thread's CPU time counts
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}): JIT compiler and GC threads are excluded, and
 * wall time is printed beside it. Prints one JSON line.
 *
 * <p>Arguments, all optional: {@code epochs warmup trainRows seed} (default {@code 30 10 16384 7}).
 */
public final class TrainingThroughputBench {
    private static final int WINDOW = 16;
    private static final int CHANNELS = 4;
    private static final int BATCH = 256;
    private static final int VALIDATION_ROWS = 256;

    private TrainingThroughputBench() {
    }

    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 16_384;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 7L;
        Random rng = new Random(seed);
        float[][] train = windows(rows, rng);
        float[][] validation = windows(VALIDATION_ROWS, rng);
        DenseAutoencoderConfig shape = new DenseAutoencoderConfig(WINDOW * CHANNELS, new int[] {32}, 8);

        fit(shape, train, validation, warmup, seed);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        TrainingResult result = fit(shape, train, validation, epochs, seed);
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        long samples = (long) epochs * rows;
        System.out.printf(Locale.ROOT, "{\"impl\":\"java\",\"model\":\"dense 64-32-8-32-64\",\"batch\":%d,"
                        + "\"train_rows\":%d,\"epochs\":%d,\"warmup_epochs\":%d,\"samples\":%d,\"cpu_s\":%.3f,"
                        + "\"wall_s\":%.3f,\"samples_per_cpu_s\":%.0f,\"final_train_loss\":%.5f,\"jdk\":\"%s\"}%n",
                BATCH, rows, epochs, warmup, samples, cpu, wall, samples / cpu,
                result.trainLosses().get(result.trainLosses().size() - 1), Runtime.version());
    }

    private static TrainingResult fit(DenseAutoencoderConfig shape, float[][] train, float[][] validation,
            int epochs, long seed) {
        DenseAutoencoder model = new DenseAutoencoder(shape, seed);
        // Patience 0: every epoch runs, so the work done is fixed.
        TrainingConfig config = new TrainingConfig(epochs, BATCH, 1e-3, 0, 0, 0, seed);
        return new AutoencoderTrainer().fit(model, train, validation, config, EpochListener.NONE);
    }

    /** Flattened windows, time-major, of four sines with random phase plus Gaussian noise. */
    private static float[][] windows(int count, Random rng) {
        float[][] out = new float[count][WINDOW * CHANNELS];
        for (int r = 0; r < count; r++) {
            double phase = rng.nextDouble() * 2 * Math.PI;
            for (int t = 0; t < WINDOW; t++) {
                for (int c = 0; c < CHANNELS; c++) {
                    double period = 8.0 + 4 * c;
                    out[r][t * CHANNELS + c] = (float) (Math.sin(phase + 2 * Math.PI * t / period)
                            + 0.1 * rng.nextGaussian());
                }
            }
        }
        return out;
    }
}
