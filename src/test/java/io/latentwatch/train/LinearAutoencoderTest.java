package io.latentwatch.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.data.TimeSeries;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.nn.Activation;
import io.latentwatch.nn.EpochListener;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What README promises for {@code --activation identity}: a linear autoencoder scores a window by how
 * far it lies off the subspace the training windows span, not by how far it is from their range
 * along it. Trained on two channels that move together ({@code y = 2x}) and one of noise, it passes
 * a window where both have drifted far beyond anything seen, together, and flags one where they
 * part although each stays within its usual range.
 */
class LinearAutoencoderTest {
    private static final int WINDOW = 4;
    private static final ModelCard.DataSource SOURCE = new ModelCard.DataSource("synthetic", "csv", 0, 1500);

    @Test
    void aDriftAlongTheTrainedRelationshipPassesAndABrokenOneIsFlagged() {
        ArchitectureOptions linear = new ArchitectureOptions(ArchitectureOptions.DENSE.kind(),
                ArchitectureOptions.DENSE.encoder(), Activation.IDENTITY, Activation.DEFAULT_LEAKY_SLOPE,
                ArchitectureOptions.DENSE.conv(), ArchitectureOptions.DENSE.corruption(), null, 1, 0,
                ArchitectureOptions.DENSE.schedule());
        TrainOptions options = new TrainOptions("linear", WINDOW, 1, new int[] {12}, 8, 60, 32, 0.003, 0, 3, 0,
                0.2, 0.99, 1.5, linear);
        ModelTrainer.Trained trained = ModelTrainer.train(series(1500, 17), SOURCE, options, EpochListener.NONE);
        double threshold = trained.card().threshold().value();
        try (DetectorModel model = new DetectorModel(trained.card(), trained.onnx())) {
            FeatureSpec spec = model.spec();
            // x's training range is about 0.2 to 0.8: 5 is far beyond it, with y = 2x as always. (A ReLU
            // model of the same shape, trained the same way, scores this window 8 times its threshold.)
            float[] drifted = window(spec, 5.0, 10.0);
            // Both within their ranges, but y is no longer 2x.
            float[] broken = window(spec, 0.5, 0.2);
            float[] scores = model.score(new float[][] {drifted, broken}).score();
            assertTrue(scores[0] < threshold, "drift along the relationship: score " + scores[0] + ", threshold "
                    + threshold);
            assertTrue(scores[1] > 3 * threshold, "broken relationship: score " + scores[1] + ", threshold "
                    + threshold);
        }
    }

    /** x a slow sine in [0.2, 0.8] plus noise, y = 2x plus noise, z noise alone. */
    private static TimeSeries series(int rows, long seed) {
        Random noise = new Random(seed);
        long[] ts = new long[rows];
        double[][] values = new double[rows][];
        for (int i = 0; i < rows; i++) {
            ts[i] = 1_700_000_000_000L + i * 1000L;
            double x = 0.5 + 0.3 * Math.sin(2 * Math.PI * i / 60.0) + 0.01 * noise.nextGaussian();
            values[i] = new double[] {x, 2 * x + 0.01 * noise.nextGaussian(), 0.1 * noise.nextGaussian()};
        }
        return new TimeSeries(ts, List.of("x", "y", "z"), values, null);
    }

    /** A normalised window holding x and y constant and z at its mean. */
    private static float[] window(FeatureSpec spec, double x, double y) {
        float[] w = new float[spec.featureSize()];
        for (int t = 0; t < WINDOW; t++) {
            w[t * 3] = spec.normalise(0, x);
            w[t * 3 + 1] = spec.normalise(1, y);
            w[t * 3 + 2] = spec.normalise(2, 0);
        }
        return w;
    }
}
