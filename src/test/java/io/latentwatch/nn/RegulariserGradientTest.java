package io.latentwatch.nn;

import static io.latentwatch.nn.FiniteDifferences.checkRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of the BCE loss, the VAE's KL term and both sparsity penalties. */
class RegulariserGradientTest {

    private static float[][] uniform(int rows, int cols, Random rng, float lo, float hi) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int k = 0; k < cols; k++) {
                row[k] = lo + (hi - lo) * rng.nextFloat();
            }
        }
        return m;
    }

    @Test
    void bceGradientMatchesFiniteDifferences() {
        Random rng = new Random(1);
        float[][] p = uniform(4, 6, rng, 0.15f, 0.85f);
        float[][] t = uniform(4, 6, rng, 0f, 1f);
        float[][] g = new float[4][6];
        double loss = BceLoss.lossAndGradient(p, t, g);
        assertEquals(BceLoss.loss(p, t), loss, 1e-12);
        assertTrue(checkRows("prediction", p, g, () -> BceLoss.loss(p, t), () -> 0, rng) >= 24);
        // Perfect predictions of 0/1 targets cost (almost) nothing; a bad target is named.
        assertEquals(0, BceLoss.loss(new float[][] {{0f, 1f}}, new float[][] {{0f, 1f}}), 1e-5);
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> BceLoss.loss(new float[][] {{0.5f}}, new float[][] {{2f}}));
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    }

    @Test
    void vaeKlGradientMatchesFiniteDifferences() {
        Random rng = new Random(2);
        float[][] mu = GradientCheckTest.gaussian(3, 5, rng);
        float[][] logVar = uniform(3, 5, rng, -1.5f, 1.5f);
        float[][] gMu = new float[3][5];
        float[][] gLv = new float[3][5];
        double weight = 0.7;
        double kl = GaussianKl.addGradient(mu, logVar, weight, 4, gMu, gLv);
        assertEquals(GaussianKl.loss(mu, logVar, 4), kl, 1e-12);
        int checked = checkRows("mu", mu, gMu, () -> weight * GaussianKl.loss(mu, logVar, 4), () -> 0, rng);
        checked += checkRows("logVar", logVar, gLv, () -> weight * GaussianKl.loss(mu, logVar, 4), () -> 0, rng);
        assertTrue(checked >= 30);
        assertEquals(0, GaussianKl.loss(new float[][] {{0f, 0f}}, new float[][] {{0f, 0f}}, 1), 1e-12);
    }

    @Test
    void l1SparsityGradientMatchesFiniteDifferences() {
        Random rng = new Random(3);
        Sparsity l1 = new Sparsity(Sparsity.Kind.L1, 0.3, 0.05);
        float[][] z = GradientCheckTest.gaussian(4, 5, rng);
        float[][] g = new float[4][5];
        assertEquals(l1.loss(z), l1.addGradient(z, g), 1e-12);
        // |z| has a kink at 0: skip coordinates whose perturbation changes a sign.
        assertTrue(checkRows("z", z, g, () -> l1.loss(z), () -> FiniteDifferences.signPattern(z), rng) >= 15);
    }

    @Test
    void klSparsityGradientMatchesFiniteDifferences() {
        Random rng = new Random(4);
        Sparsity kl = new Sparsity(Sparsity.Kind.KL, 0.5, 0.1);
        float[][] z = uniform(6, 4, rng, 0.05f, 0.6f);
        float[][] g = new float[6][4];
        assertEquals(kl.loss(z), kl.addGradient(z, g), 1e-12);
        assertTrue(checkRows("z", z, g, () -> kl.loss(z), () -> 0, rng) >= 20);
        float[][] atTarget = {{0.1f}, {0.1f}};
        assertEquals(0, kl.loss(atTarget), 1e-9);
    }

    @Test
    void badSettingsNameTheRange() {
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> new Sparsity(Sparsity.Kind.KL, 0.1, 1.5));
        assertTrue(e.getMessage().contains("(0, 1)") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> Sparsity.Kind.parse("l2"));
        assertTrue(e.getMessage().contains("[l1, kl]"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> new Corruption(-1, 0));
        assertTrue(e.getMessage().contains("[0, 10]"), e.getMessage());
        e = assertThrows(LatentwatchException.class, () -> LrSchedule.Kind.parse("linear"));
        assertTrue(e.getMessage().contains("[none, cosine, step]"), e.getMessage());
    }

    @Test
    void schedulesDecay() {
        assertEquals(1, LrSchedule.NONE.factor(50, 100));
        LrSchedule cosine = LrSchedule.cosine(0.1);
        assertEquals(1, cosine.factor(1, 10), 1e-12);
        assertEquals(0.55, cosine.factor(6, 10), 1e-12);
        LrSchedule step = LrSchedule.step(3, 0.5);
        assertEquals(1, step.factor(3, 10));
        assertEquals(0.5, step.factor(4, 10));
        assertEquals(0.25, step.factor(7, 10));
    }
}
