package io.latentwatch.nn;

import static io.latentwatch.nn.FiniteDifferences.check;
import static io.latentwatch.nn.FiniteDifferences.checkRows;
import static io.latentwatch.nn.FiniteDifferences.copy;
import static io.latentwatch.nn.FiniteDifferences.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Finite-difference checks of every layer's backward pass, with loss = sum(output * upstream). */
class LayerGradientTest {

    /** Checks parameters and input of {@code layer} on a batch of 3; returns coordinates checked. */
    private static int checkLayer(Layer layer, Random rng, boolean kinks) {
        float[][] x = GradientCheckTest.gaussian(3, layer.inputSize(), rng);
        float[][] upstream = GradientCheckTest.gaussian(3, layer.outputSize(), rng);
        for (Parameter p : layer.parameters()) {
            for (int k = 0; k < p.values().length; k++) {
                p.values()[k] += (float) (0.3 * rng.nextGaussian());
            }
        }
        DoubleSupplier loss = () -> dot(layer.forward(x), upstream);
        DoubleSupplier pattern = kinks ? () -> FiniteDifferences.signPattern(layer.forward(x)) : () -> 0;
        layer.forward(x);
        float[][] gradInput = copy(layer.backward(upstream));
        int checked = checkRows("input", x, gradInput, loss, pattern, rng);
        for (Parameter p : layer.parameters()) {
            checked += check("parameter", p.values(), p.gradient().clone(), loss, pattern, rng);
        }
        return checked;
    }

    @ParameterizedTest
    @CsvSource({"2, 3, 11, 3, 1, 1", "3, 4, 16, 5, 2, 2", "1, 2, 9, 4, 3, 1", "2, 2, 8, 1, 1, 0"})
    void conv1dGradientsMatchFiniteDifferences(int in, int out, int length, int kernel, int stride, int padding) {
        Conv1d conv = new Conv1d(in, out, length, kernel, stride, padding, Activation.IDENTITY, new Random(3));
        assertEquals((length + 2 * padding - kernel) / stride + 1, conv.outLength());
        assertTrue(checkLayer(conv, new Random(kernel * 7 + stride), false) >= 30);
    }

    @ParameterizedTest
    @CsvSource({"3, 2, 6, 3, 1, 1, 0", "4, 3, 8, 5, 2, 2, 1", "2, 1, 3, 4, 3, 1, 2", "2, 2, 5, 1, 1, 0, 0"})
    void convTranspose1dGradientsMatchFiniteDifferences(int in, int out, int length, int kernel, int stride,
            int padding, int outputPadding) {
        ConvTranspose1d up = new ConvTranspose1d(in, out, length, kernel, stride, padding, outputPadding,
                Activation.IDENTITY, new Random(4));
        assertEquals((length - 1) * stride - 2 * padding + kernel + outputPadding, up.outLength());
        assertTrue(checkLayer(up, new Random(kernel * 5 + stride), false) >= 20);
    }

    /** The training path skips dLoss/dinput of the first layer; its parameter gradients must not change. */
    @Test
    void backwardParametersGivesTheSameParameterGradientsAsBackward() {
        Random rng = new Random(5);
        List<Layer> layers = List.of(new Dense(9, 5, Activation.RELU, rng), new Dense(3, 7, Activation.IDENTITY, rng),
                new Conv1d(3, 4, 11, 5, 2, 2, Activation.IDENTITY, rng),
                new ConvTranspose1d(4, 3, 6, 5, 2, 2, 1, Activation.IDENTITY, rng));
        for (Layer layer : layers) {
            float[][] x = GradientCheckTest.gaussian(6, layer.inputSize(), rng);
            float[][] upstream = GradientCheckTest.gaussian(6, layer.outputSize(), rng);
            layer.forward(x);
            layer.backward(upstream);
            List<float[]> full = layer.parameters().stream().map(p -> p.gradient().clone()).toList();
            layer.forward(x);
            layer.backwardParameters(upstream);
            for (int p = 0; p < full.size(); p++) {
                assertArrayEquals(full.get(p), layer.parameters().get(p).gradient(), layer + " parameter " + p);
            }
        }
    }

    @Test
    void convTransposeUndoesTheShapeOfAConv() {
        for (int length = 5; length <= 20; length++) {
            for (int stride = 1; stride <= 3; stride++) {
                Conv1d conv = new Conv1d(2, 3, length, 5, stride, 2, Activation.RELU, new Random(1));
                int outputPadding = length + 4 - 5 - (conv.outLength() - 1) * stride;
                ConvTranspose1d up = new ConvTranspose1d(3, 2, conv.outLength(), 5, stride, 2, outputPadding,
                        Activation.RELU, new Random(1));
                assertEquals(length, up.outLength(), "length " + length + " stride " + stride);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationLayerGradientsMatchFiniteDifferences(Activation activation) {
        ActivationLayer layer = new ActivationLayer(7, activation, 0.2f);
        assertTrue(checkLayer(layer, new Random(activation.ordinal()), true) >= 10);
    }

    @Test
    void leakyReluUsesItsSlope() {
        ActivationLayer layer = new ActivationLayer(2, Activation.LEAKY_RELU, 0.25f);
        assertArrayEquals(new float[] {-0.5f, 3f}, layer.forward(new float[][] {{-2f, 3f}})[0]);
        assertArrayEquals(new float[] {0.25f, 1f}, layer.backward(new float[][] {{1f, 1f}})[0]);
        assertThrows(LatentwatchException.class, () -> new ActivationLayer(2, Activation.LEAKY_RELU, 1.5f));
    }

    @Test
    void permuteRoundTripsAndItsGradientIsTheInversePermutation() {
        Permute forward = new Permute(4, 3, true);
        Permute back = new Permute(4, 3, false);
        float[][] x = GradientCheckTest.gaussian(2, 12, new Random(8));
        float[][] channelsFirst = copy(forward.forward(x));
        assertEquals(x[1][2 * 3 + 1], channelsFirst[1][4 + 2]);
        assertArrayEquals(x[0], back.forward(channelsFirst)[0]);
        assertTrue(checkLayer(forward, new Random(9), false) >= 10);
        assertTrue(checkLayer(back, new Random(10), false) >= 10);
    }

    @Test
    void layersWithoutWeightsHaveNoParameters() {
        assertEquals(List.of(), new Permute(2, 2, true).parameters());
        assertEquals(List.of(), new ActivationLayer(2, Activation.TANH, 0.1f).parameters());
    }

    @Test
    void badGeometryIsRejectedWithTheRange() {
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> new Conv1d(1, 1, 8, 3, 1, 3, Activation.RELU, new Random(1)));
        assertTrue(e.getMessage().contains("[0, kernel-1 = 2]"), e.getMessage());
        e = assertThrows(LatentwatchException.class,
                () -> new ConvTranspose1d(1, 1, 8, 3, 2, 1, 2, Activation.RELU, new Random(1)));
        assertTrue(e.getMessage().contains("outputPadding"), e.getMessage());
    }
}
