package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;

/**
 * Hyper-parameters of the {@link Adam} optimiser.
 *
 * @param learningRate step size, in (0, 1]
 * @param beta1 decay of the first-moment average, in [0, 1); 0.9 is the usual choice
 * @param beta2 decay of the second-moment average, in [0, 1); 0.999 is the usual choice
 * @param epsilon added to the root of the second moment so that flat directions do not divide by 0
 * @param weightDecay decoupled (AdamW) decay per unit learning rate, in [0, 1); 0 disables it
 * @param clipNorm largest global L2 norm of the gradient before a step; 0 disables clipping
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
        double clipNorm) {

    public AdamConfig {
        check("learningRate", learningRate, learningRate > 0 && learningRate <= 1, "(0, 1]");
        check("beta1", beta1, beta1 >= 0 && beta1 < 1, "[0, 1)");
        check("beta2", beta2, beta2 >= 0 && beta2 < 1, "[0, 1)");
        check("epsilon", epsilon, epsilon > 0 && epsilon <= 1, "(0, 1]");
        check("weightDecay", weightDecay, weightDecay >= 0 && weightDecay < 1, "[0, 1)");
        check("clipNorm", clipNorm, clipNorm >= 0 && Double.isFinite(clipNorm), "0 (off) or a finite value > 0");
    }

    /** The usual betas (0.9, 0.999) and epsilon 1e-8 with the given rate, decay and clipping. */
    public static AdamConfig of(double learningRate, double weightDecay, double clipNorm) {
        return new AdamConfig(learningRate, 0.9, 0.999, 1e-8, weightDecay, clipNorm);
    }

    private static void check(String name, double value, boolean ok, String range) {
        if (!ok || Double.isNaN(value)) {
            throw new LatentwatchException(name + " must be in " + range + ", got " + value);
        }
    }
}
