package io.latentwatch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Checks every analytic gradient against central finite differences. Floats carry about 7 digits, so
 * the step is 1e-2 and the tolerance is 1e-3 absolute plus 2% relative: a wrong formula is off by
 * O(1), far outside it. Coordinates whose perturbation flips a ReLU are skipped, because the finite
 * difference across a kink is not the derivative on either side.
 */
class GradientCheckTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void denseLayerGradientsMatchFiniteDifferences(Activation activation) {
        Random rng = new Random(11 + activation.ordinal());
        int in = 5;
        int out = 4;
        Dense layer = new Dense(in, out, activation, rng);
        fillGaussian(layer.biasLive(), rng, 0.5);
        float[][] x = gaussian(3, in, rng);
        float[][] upstream = gaussian(3, out, rng);
        // Loss = sum(y * upstream), so dLoss/dy = upstream.
        DoubleSupplier loss = () -> dot(layer.forward(x), upstream);
        DoubleSupplier pattern = () -> reluPattern(layer.forward(x));

        layer.forward(x);
        float[][] gradInput = deepCopy(layer.backward(upstream));
        float[] gradWeights = layer.weightGradient().clone();
        float[] gradBias = layer.biasGradient().clone();

        int checked = check("weights", layer.weightsLive(), gradWeights, loss, pattern, rng);
        checked += check("bias", layer.biasLive(), gradBias, loss, pattern, rng);
        for (int b = 0; b < x.length; b++) {
            checked += check("input row " + b, x[b], gradInput[b], loss, pattern, rng);
        }
        assertTrue(checked >= 10, "too few coordinates away from ReLU kinks were checked: " + checked);
    }

    @Test
    void mseGradientMatchesFiniteDifferences() {
        Random rng = new Random(5);
        float[][] prediction = gaussian(4, 6, rng);
        float[][] target = gaussian(4, 6, rng);
        float[][] gradient = new float[4][6];
        double loss = MseLoss.lossAndGradient(prediction, target, gradient);
        assertEquals(MseLoss.loss(prediction, target), loss, 1e-6);
        for (int b = 0; b < prediction.length; b++) {
            check("prediction row " + b, prediction[b], gradient[b], () -> MseLoss.loss(prediction, target),
                    () -> 0, rng);
        }
    }

    @Test
    void autoencoderGradientsMatchFiniteDifferences() {
        Random rng = new Random(23);
        DenseAutoencoder model = new DenseAutoencoder(new DenseAutoencoderConfig(6, new int[] {5, 4}, 3), 3L);
        for (Dense layer : model.layers()) {
            fillGaussian(layer.biasLive(), rng, 0.3);
        }
        float[][] x = gaussian(4, 6, rng);
        // A target other than x, so that the input gradient is checked with the target held fixed.
        float[][] target = gaussian(4, 6, rng);
        DoubleSupplier loss = () -> MseLoss.loss(model.forward(x), target);
        DoubleSupplier pattern = () -> modelPattern(model, x);

        float[][] gradOut = new float[4][6];
        MseLoss.lossAndGradient(model.forward(x), target, gradOut);
        float[][] gradInput = deepCopy(model.backward(gradOut));
        List<Parameter> parameters = model.parameters();
        List<float[]> gradients = new ArrayList<>();
        for (Parameter p : parameters) {
            gradients.add(p.gradient().clone());
        }

        int checked = 0;
        for (int p = 0; p < parameters.size(); p++) {
            checked += check("parameter " + p, parameters.get(p).values(), gradients.get(p), loss, pattern, rng);
        }
        for (int b = 0; b < x.length; b++) {
            checked += check("input row " + b, x[b], gradInput[b], loss, pattern, rng);
        }
        assertTrue(checked >= 40, "too few coordinates away from ReLU kinks were checked: " + checked);
    }

    private static int check(String what, float[] values, float[] analytic, DoubleSupplier loss,
            DoubleSupplier pattern, Random rng) {
        return FiniteDifferences.check(what, values, analytic, loss, pattern, rng);
    }

    /** A hash of which activations are positive, so that a changed ReLU mask is noticed. */
    private static double reluPattern(float[][] y) {
        double h = 0;
        for (float[] row : y) {
            for (float v : row) {
                h = h * 31 + (v > 0 ? 1 : 0);
                h = h % 1_000_000_007L;
            }
        }
        return h;
    }

    private static double modelPattern(DenseAutoencoder model, float[][] x) {
        double h = 0;
        float[][] a = x;
        for (Dense layer : model.layers()) {
            a = layer.forward(a);
            h = (h * 1_000_003 + reluPattern(a)) % 1_000_000_007L;
        }
        return h;
    }

    static float[][] gaussian(int rows, int cols, Random rng) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            fillGaussian(row, rng, 1.0);
        }
        return m;
    }

    private static void fillGaussian(float[] a, Random rng, double std) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rng.nextGaussian() * std);
        }
    }

    private static double dot(float[][] a, float[][] b) {
        double s = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                s += (double) a[r][c] * b[r][c];
            }
        }
        return s;
    }

    private static float[][] deepCopy(float[][] m) {
        return Arrays.stream(m).map(float[]::clone).toArray(float[][]::new);
    }
}
