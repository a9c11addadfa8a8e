package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A sparsity penalty on the latent activations of an autoencoder.
 *
 * <p>{@link Kind#L1}: {@code weight} times the mean over rows and units of {@code |z|}.
 * {@link Kind#KL}: {@code weight} times {@code sum_j KL(target || mean_b z_bj)} between Bernoulli
 * distributions, which needs activations in (0, 1), so the latent uses a sigmoid.
 *
 * @param kind which penalty
 * @param weight its weight, in [0, 100]
 * @param target the desired mean activation rho for {@link Kind#KL}, in (0, 1)
 */
public record Sparsity(Kind kind, double weight, double target) {
    /** Smallest distance of a mean activation from 0 or 1 in the KL penalty. */
    private static final double EPS = 1e-6;

    /** The two penalties. */
    public enum Kind {
        L1, KL;

        /** The lower-case word used on the command line and in the model card. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code word}, or an error listing the valid words. */
        public static Kind parse(String word) {
            for (Kind k : values()) {
                if (k.word().equals(word)) {
                    return k;
                }
            }
            throw new LatentwatchException("sparsity '" + word + "' is not known; expected one of "
                    + Arrays.stream(values()).map(Kind::word).toList());
        }
    }

    public Sparsity {
        if (kind == null) {
            throw new LatentwatchException("sparsity kind must be one of " + Arrays.toString(Kind.values())
                    + ", got null");
        }
        if (!(weight >= 0 && weight <= 100)) {
            throw new LatentwatchException("sparsity weight must be in [0, 100], got " + weight);
        }
        if (!(target > 0 && target < 1)) {
            throw new LatentwatchException("sparsity target must be in (0, 1), got " + target);
        }
    }

    /** The penalty of latent activations {@code z}, weight included. */
    public double loss(float[][] z) {
        return addGradient(z, null);
    }

    /** Adds the penalty's gradient to {@code gradZ} (null to skip) and returns the penalty. */
    public double addGradient(float[][] z, float[][] gradZ) {
        int n = z.length;
        int units = z[0].length;
        double sum = 0;
        if (kind == Kind.L1) {
            float g = (float) (weight / ((double) n * units));
            for (int b = 0; b < n; b++) {
                for (int j = 0; j < units; j++) {
                    float v = z[b][j];
                    sum += Math.abs(v);
                    if (gradZ != null) {
                        gradZ[b][j] += v > 0 ? g : v < 0 ? -g : 0f;
                    }
                }
            }
            return weight * sum / ((double) n * units);
        }
        for (int j = 0; j < units; j++) {
            double mean = 0;
            for (int b = 0; b < n; b++) {
                mean += z[b][j];
            }
            mean = Math.min(1 - EPS, Math.max(EPS, mean / n));
            sum += target * Math.log(target / mean) + (1 - target) * Math.log((1 - target) / (1 - mean));
            if (gradZ != null) {
                float g = (float) (weight * (-target / mean + (1 - target) / (1 - mean)) / n);
                for (int b = 0; b < n; b++) {
                    gradZ[b][j] += g;
                }
            }
        }
        return weight * sum;
    }
}
