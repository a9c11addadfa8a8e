package io.latentwatch.jmh;

import io.latentwatch.data.TimeSeries;
import io.latentwatch.model.ModelCard;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.util.List;
import java.util.Random;

/**
 * The model the micro-benchmarks run on: the dense 64-32-8-32-64 autoencoder over windows of 16 steps
 * x 4 channels (hop 4), made by the production trainer and ONNX exporter ({@link ModelTrainer}) from
 * seeded noisy sines. One epoch is enough: speed does not depend on how well the weights fit.
 */
public final class BenchModel {
    public static final List<String> CHANNELS = List.of("c0", "c1", "c2", "c3");
    public static final int WINDOW = 16;
    public static final int HOP = 4;
    public static final int FEATURES = WINDOW * CHANNELS.size();
    public static final long START = 1_700_000_000_000L;
    public static final long STEP_MS = 50;
    private static final int ROWS = 2_000;

    private static ModelTrainer.Trained trained;

    private BenchModel() {
    }

    /** The trained model (card and ONNX bytes); trained once per JVM, deterministic. */
    public static synchronized ModelTrainer.Trained trained() {
        if (trained == null) {
            TrainOptions options = new TrainOptions("bench-dense", WINDOW, HOP, new int[] {32}, 8, 1, 32, 0.003, 0,
                    7, 0, 0.2, 0.99, 1.5);
            trained = ModelTrainer.train(series(ROWS, 7), new ModelCard.DataSource("synthetic", "csv", 0, ROWS),
                    options, EpochListener.NONE);
        }
        return trained;
    }

    /** Reading {@code i} of a seeded signal: one noisy sine per channel, each with its own phase. */
    public static double[] row(int i, Random noise) {
        double[] row = new double[CHANNELS.size()];
        for (int c = 0; c < row.length; c++) {
            row[c] = 10 * c + Math.sin(2 * Math.PI * i / 40.0 + c) + 0.1 * noise.nextGaussian();
        }
        return row;
    }

    static TimeSeries series(int rows, long seed) {
        Random noise = new Random(seed);
        long[] ts = new long[rows];
        double[][] values = new double[rows][];
        for (int i = 0; i < rows; i++) {
            ts[i] = START + i * STEP_MS;
            values[i] = row(i, noise);
        }
        return new TimeSeries(ts, CHANNELS, values, null);
    }
}
