package io.latentwatch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * Central finite differences against analytic gradients, shared by the gradient tests. Step 1e-2,
 * tolerance 1e-3 absolute plus 2% relative (floats carry about 7 digits; a wrong formula is off by
 * O(1)). A coordinate whose perturbation changes {@code pattern} (e.g. flips a ReLU) is skipped.
 */
final class FiniteDifferences {
    static final float EPS = 1e-2f;
    static final int COORDINATES = 8;

    private FiniteDifferences() {
    }

    /** Checks up to {@link #COORDINATES} random coordinates of {@code values}; returns how many it checked. */
    static int check(String what, float[] values, float[] analytic, DoubleSupplier loss, DoubleSupplier pattern,
            Random rng) {
        int checked = 0;
        for (int n = 0; n < Math.min(COORDINATES, values.length); n++) {
            int k = rng.nextInt(values.length);
            float saved = values[k];
            double base = pattern.getAsDouble();
            values[k] = saved + EPS;
            double plus = loss.getAsDouble();
            double plusPattern = pattern.getAsDouble();
            values[k] = saved - EPS;
            double minus = loss.getAsDouble();
            double minusPattern = pattern.getAsDouble();
            values[k] = saved;
            if (plusPattern != base || minusPattern != base) {
                continue;
            }
            double numeric = (plus - minus) / (2.0 * (double) EPS);
            double tolerance = 1e-3 + 0.02 * Math.max(Math.abs(numeric), Math.abs(analytic[k]));
            assertEquals(numeric, analytic[k], tolerance, what + " coordinate " + k);
            checked++;
        }
        return checked;
    }

    /** Checks every row of a matrix; returns how many coordinates it checked. */
    static int checkRows(String what, float[][] values, float[][] analytic, DoubleSupplier loss,
            DoubleSupplier pattern, Random rng) {
        int checked = 0;
        for (int b = 0; b < values.length; b++) {
            checked += check(what + " row " + b, values[b], analytic[b], loss, pattern, rng);
        }
        return checked;
    }

    /** A hash of which elements are positive, so that a changed rectifier mask is noticed. */
    static double signPattern(float[][] y) {
        double h = 0;
        for (float[] row : y) {
            for (float v : row) {
                h = (h * 31 + (v > 0 ? 1 : 0)) % 1_000_000_007L;
            }
        }
        return h;
    }

    static double dot(float[][] a, float[][] b) {
        double s = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                s += (double) a[r][c] * b[r][c];
            }
        }
        return s;
    }

    static float[][] copy(float[][] m) {
        return Matrices.copy(m);
    }
}
