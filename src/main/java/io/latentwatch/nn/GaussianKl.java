package io.latentwatch.nn;

/**
 * The KL divergence of a diagonal Gaussian {@code N(mu, exp(logVar))} from the standard normal, the
 * regulariser of a variational autoencoder.
 *
 * <p>Per row it is {@code 0.5 * sum_j (mu_j^2 + exp(logVar_j) - 1 - logVar_j)}; the value returned is
 * its mean over rows divided by {@code perRowDivisor}. Dividing by the number of input features puts it
 * on the scale of {@link MseLoss}, which averages over features, so that {@code beta = 1} weighs the two
 * terms as the evidence lower bound with a unit-variance Gaussian decoder does (up to a factor 2).
 */
public final class GaussianKl {
    private GaussianKl() {
    }

    /** The divergence, as described in the class comment. */
    public static double loss(float[][] mu, float[][] logVar, double perRowDivisor) {
        return addGradient(mu, logVar, 0, perRowDivisor, null, null);
    }

    /**
     * Adds {@code weight} times the gradient of the divergence to {@code gradMu} and {@code gradLogVar}
     * (null to skip) and returns the unweighted divergence.
     */
    public static double addGradient(float[][] mu, float[][] logVar, double weight, double perRowDivisor,
            float[][] gradMu, float[][] gradLogVar) {
        double scale = 1.0 / (mu.length * perRowDivisor);
        float g = (float) (weight * scale);
        double sum = 0;
        for (int b = 0; b < mu.length; b++) {
            for (int j = 0; j < mu[b].length; j++) {
                double m = mu[b][j];
                double lv = logVar[b][j];
                double var = Math.exp(lv);
                sum += 0.5 * (m * m + var - 1 - lv);
                if (gradMu != null) {
                    gradMu[b][j] += g * (float) m;
                    gradLogVar[b][j] += g * (float) (0.5 * (var - 1));
                }
            }
        }
        return sum * scale;
    }
}
