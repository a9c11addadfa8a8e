package io.latentwatch.threshold;

import java.util.Random;

/** Seeded score series for the threshold tests: reconstruction-error-like values with known tails. */
final class SeededScores {
    private SeededScores() {
    }

    /** Exponential scores with the given mean. */
    static double[] exponential(long seed, int n, double mean) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean * exp(random);
        }
        return out;
    }

    /** Gamma scores of shape 2 (the sum of two exponentials), mean 2·scale. */
    static double[] gamma2(long seed, int n, double scale) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * (exp(random) + exp(random));
        }
        return out;
    }

    /** Generalised Pareto samples by inverting the CDF. */
    static double[] gpd(long seed, int n, double gamma, double sigma) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u = 1 - random.nextDouble();
            out[i] = gamma == 0 ? -sigma * Math.log(u) : sigma / gamma * (Math.pow(u, -gamma) - 1);
        }
        return out;
    }

    /**
     * A day in the life of one entity: gamma noise on a level that wanders, spikes every few hundred
     * windows, a level shift, and a slow ramp. Exercises every branch of every threshold.
     */
    static double[] eventful(long seed, int n) {
        Random random = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double level = 1 + 0.3 * Math.sin(i / 700.0) + (i > n / 2 && i < n / 2 + 300 ? 6 : 0)
                    + (i > 3 * n / 4 ? (i - 3 * n / 4) * 0.002 : 0);
            double score = level * 0.5 * (exp(random) + exp(random));
            if (random.nextInt(400) == 0) {
                score += 10 + 20 * random.nextDouble();
            }
            out[i] = score;
        }
        return out;
    }

    static double exp(Random random) {
        return -Math.log(1 - random.nextDouble());
    }
}
