package io.latentwatch;

import io.latentwatch.data.TimeSeries;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small, seeded signals and models trained on them, shared by tests that need a real model. */
public final class TestModels {
    public static final List<String> CHANNELS = List.of("load", "flow", "temp");
    public static final int WINDOW = 16;
    public static final int HOP = 4;
    public static final long START = 1_700_000_000_000L;
    public static final long STEP_MS = 1000;

    private static ModelTrainer.Trained cached;
    private static ModelTrainer.Trained retrained;

    private TestModels() {
    }

    /** The normal value of every channel at step {@code i}: three correlated periodic signals plus noise. */
    public static double[] normalRow(int i, Random noise) {
        double phase = 2 * Math.PI * i / 40.0;
        double load = 50 + 10 * Math.sin(phase);
        double flow = 2 * load + 5 * Math.cos(phase) ;
        double temp = 20 + 0.3 * load;
        return new double[] {load + noise.nextGaussian() * 0.3, flow + noise.nextGaussian() * 0.6,
            temp + noise.nextGaussian() * 0.1};
    }

    /** A row's values by channel name, in channel order: what a SensorReading carries. */
    public static Map<String, Double> byChannel(double[] row) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int c = 0; c < row.length; c++) {
            values.put(CHANNELS.get(c), row[c]);
        }
        return values;
    }

    public static TimeSeries normalSeries(int rows, long seed) {
        Random noise = new Random(seed);
        long[] ts = new long[rows];
        double[][] values = new double[rows][];
        for (int i = 0; i < rows; i++) {
            ts[i] = START + i * STEP_MS;
            values[i] = normalRow(i, noise);
        }
        return new TimeSeries(ts, CHANNELS, values, null);
    }

    public static TrainOptions options(String name, long seed) {
        return new TrainOptions(name, WINDOW, HOP, new int[] {32}, 6, 60, 32, 0.003, 0, seed, 0, 0.3, 0.999, 1.5);
    }

    /** A dense model trained once per JVM on 4,000 normal rows; deterministic. */
    public static synchronized ModelTrainer.Trained trained() {
        if (cached == null) {
            cached = ModelTrainer.train(normalSeries(4000, 1), new ModelCard.DataSource("synthetic", "csv", 0, 4000),
                    options("test-model", 7), EpochListener.NONE);
        }
        return cached;
    }

    /**
     * A second version of the same model: the same channels, window and hop, trained with another seed
     * on other noise (so its weights and normalisation differ); deterministic.
     */
    public static synchronized ModelTrainer.Trained retrained() {
        if (retrained == null) {
            retrained = ModelTrainer.train(normalSeries(4000, 2), new ModelCard.DataSource("synthetic-2", "csv", 0, 4000),
                    options("test-model", 11), EpochListener.NONE);
        }
        return retrained;
    }

    /**
     * The trained model's card over a valid ONNX graph that takes windows of half its length (another
     * input size than the card describes), with that graph's hash, so only the input-size check can refuse it.
     */
    public static ModelTrainer.Trained withOtherInputSize() {
        ModelCard card = trained().card();
        int window = WINDOW / 2;
        io.latentwatch.nn.DenseAutoencoder net = new io.latentwatch.nn.DenseAutoencoder(
                new io.latentwatch.nn.DenseAutoencoderConfig(window * CHANNELS.size(), new int[] {8}, 4), 5);
        byte[] onnx = io.latentwatch.onnx.OnnxExport.export(net, window, CHANNELS.size(), "other-input-size",
                java.util.Map.of());
        ModelCard.Onnx o = card.onnx();
        ModelCard forged = new ModelCard(card.formatVersion(), card.name(), card.version(), card.trainerVersion(),
                card.data(), card.features(), card.architecture(), card.training(), card.threshold(),
                card.validationScores(), new ModelCard.Onnx(o.file(), ModelFiles.sha256(onnx), o.opset(), o.input(),
                        o.outputs()), card.calibration());
        return new ModelTrainer.Trained(forged, onnx);
    }

    /** Writes the trained model to {@code dir} and loads it back, verified, for scoring. */
    public static DetectorModel load(Path dir) {
        ModelTrainer.Trained t = trained();
        ModelFiles.write(dir, t.card(), t.onnx());
        return DetectorModel.load(dir);
    }
}
