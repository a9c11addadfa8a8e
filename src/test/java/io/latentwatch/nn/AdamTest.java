package io.latentwatch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The optimiser's three promises: bias-corrected first step, decoupled decay, global-norm clipping. */
class AdamTest {

    @Test
    void firstStepMovesEachParameterByTheLearningRateAgainstItsGradient() {
        float[] w = {1f, -2f, 0.5f};
        float[] g = {0.3f, -4f, 1e-3f};
        new Adam(AdamConfig.of(0.01, 0, 0)).step(List.of(new Parameter(w, g, true)));
        // Bias correction makes the first update lr * g / |g| whatever the gradient's scale.
        assertArrayEquals(new float[] {0.99f, -1.99f, 0.49f}, w, 1e-5f);
    }

    @Test
    void weightDecayShrinksWeightsButNotBiases() {
        float[] w = {2f, -4f};
        float[] b = {2f, -4f};
        float[] zero = new float[2];
        double norm = new Adam(AdamConfig.of(0.1, 0.5, 0))
                .step(List.of(new Parameter(w, zero, true), new Parameter(b, zero, false)));
        assertEquals(0, norm);
        assertArrayEquals(new float[] {2f * 0.95f, -4f * 0.95f}, w, 1e-6f);
        assertArrayEquals(new float[] {2f, -4f}, b);
    }

    @Test
    void clippingScalesTheWholeGradientToTheNorm() {
        float[] clipped = {1f, 1f};
        float[] reference = {1f, 1f};
        Adam withClip = new Adam(AdamConfig.of(0.01, 0, 1.0));
        Adam without = new Adam(AdamConfig.of(0.01, 0, 0));
        float[] g1 = {0.6f, 0.0f};
        withClip.step(List.of(new Parameter(clipped, g1.clone(), true)));
        without.step(List.of(new Parameter(reference, g1.clone(), true)));
        // Norm 50 > 1: the clipped optimiser must behave as if it saw the gradient scaled to norm 1.
        double norm = withClip.step(List.of(new Parameter(clipped, new float[] {30f, -40f}, true)));
        without.step(List.of(new Parameter(reference, new float[] {0.6f, -0.8f}, true)));
        assertEquals(50, norm, 1e-9);
        assertArrayEquals(reference, clipped, 1e-7f);
    }
}
