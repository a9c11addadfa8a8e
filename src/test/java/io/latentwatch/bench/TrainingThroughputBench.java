package io.latentwatch.bench;

import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.nn.Autoencoder;
import io.latentwatch.nn.AutoencoderSpec;
import io.latentwatch.nn.AutoencoderTrainer;
import io.latentwatch.nn.ConvShape;
import io.latentwatch.nn.DenseAutoencoder;
import io.latentwatch.nn.DenseAutoencoderConfig;
import io.latentwatch.nn.EncoderKind;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.nn.LrSchedule;
import io.latentwatch.nn.TrainingConfig;
import io.latentwatch.nn.TrainingResult;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * Measures how many training samples per CPU-second the Java trainer processes, single-threaded,
 * for the dense 64-32-8-32-64 autoencoder or a conv autoencoder, with batch 256 and Adam, so it can be
 * set against the same model in PyTorch ({@code bench/train_throughput_torch.py}); run by
 * {@code bench/train-throughput.sh}.
 *
 * <p>Models: {@code dense} is {@code DenseAutoencoder} 64-32-8-32-64 (ReLU hidden, linear latent and
 * output). {@code conv} is {@code Autoencoder} of kind conv on 16 steps x 4 channels: Conv1d 4-16 and
 * 16-32 (kernel 5, stride 2, padding 2, ReLU), Dense 128-8 (linear latent), Dense 8-128 (ReLU),
 * ConvTranspose1d 32-16 (ReLU) and 16-4 (kernel 5, stride 2, padding 2, output padding 1).
 *
 * <p>Data: {@code 16 x 4} windows of seeded noisy sines, flattened to 64 features. A warm-up run of
 * {@code warmup} epochs lets the JIT compile the loops; a fresh model then trains {@code epochs}
 * epochs, each followed by the trainer's validation pass over {@code 256} held-out rows (one batch,
 * as the PyTorch script does). Only the training thread's CPU time counts
 * ({@link ThreadMXBean#getCurrentThreadCpuTime}): JIT compiler and GC threads are excluded, and
 * wall time and the whole process's CPU time (JIT and GC threads included) are printed beside it.
 * Prints one JSON line.
 *
 * <p>Arguments, all optional: {@code [dense|conv] epochs warmup trainRows seed} (default
 * {@code dense 30 10 16384 7}).
 */
public final class TrainingThroughputBench {
    private static final int WINDOW = 16;
    private static final int CHANNELS = 4;
    private static final int BATCH = 256;
    private static final int VALIDATION_ROWS = 256;

    private TrainingThroughputBench() {
    }

    public static void main(String[] argv) {
        boolean conv = argv.length > 0 && argv[0].equals("conv");
        String[] args = argv.length > 0 && (argv[0].equals("conv") || argv[0].equals("dense"))
                ? java.util.Arrays.copyOfRange(argv, 1, argv.length) : argv;
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 16_384;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 7L;
        Random rng = new Random(seed);
        float[][] train = windows(rows, rng);
        float[][] validation = windows(VALIDATION_ROWS, rng);

        fit(conv, train, validation, warmup, seed);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean process = os instanceof com.sun.management.OperatingSystemMXBean p
                ? p : null;
        long process0 = process == null ? -1 : process.getProcessCpuTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        TrainingResult result = fit(conv, train, validation, epochs, seed);
        double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        double processCpu = process == null ? Double.NaN : (process.getProcessCpuTime() - process0) / 1e9;
        long samples = (long) epochs * rows;
        String model = conv ? "conv 16x4 c16-c32-d8-d128-t16-t4" : "dense 64-32-8-32-64";
        System.out.printf(Locale.ROOT, "{\"impl\":\"java\",\"model\":\"%s\",\"batch\":%d,"
                        + "\"train_rows\":%d,\"epochs\":%d,\"warmup_epochs\":%d,\"samples\":%d,\"cpu_s\":%.3f,"
                        + "\"process_cpu_s\":%.3f,\"wall_s\":%.3f,\"samples_per_cpu_s\":%.0f,"
                        + "\"final_train_loss\":%.5f,\"jdk\":\"%s\"}%n",
                model, BATCH, rows, epochs, warmup, samples, cpu, processCpu, wall, samples / cpu,
                result.trainLosses().get(result.trainLosses().size() - 1), Runtime.version());
    }

    private static TrainingResult fit(boolean conv, float[][] train, float[][] validation, int epochs, long seed) {
        // Patience 0: every epoch runs, so the work done is fixed.
        TrainingConfig config = new TrainingConfig(epochs, BATCH, 1e-3, 0, 0, 0, seed);
        if (conv) {
            AutoencoderSpec spec = AutoencoderSpec.dense(WINDOW, CHANNELS, new int[0], 8)
                    .withKind(ArchitectureKind.CONV, EncoderKind.CONV)
                    .withConv(new ConvShape(new int[] {16, 32}, 5, 2));
            return new AutoencoderTrainer().fit(Autoencoder.create(spec, seed), train, validation, config,
                    LrSchedule.NONE, EpochListener.NONE);
        }
        DenseAutoencoder model = new DenseAutoencoder(new DenseAutoencoderConfig(WINDOW * CHANNELS, new int[] {32}, 8),
                seed);
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
