package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.List;

/**
 * The Adam optimiser (Kingma and Ba, 2015) with decoupled weight decay as in AdamW (Loshchilov and
 * Hutter, 2019) and optional clipping of the global gradient norm.
 *
 * <p>An instance keeps the moment estimates of one fixed list of parameters: call {@link #step}
 * with the same list, in the same order, every time. The update matches PyTorch's {@code AdamW}.
 */
public final class Adam {
    private final AdamConfig config;
    private float[][] firstMoment;
    private float[][] secondMoment;
    private long steps;

    public Adam(AdamConfig config) {
        if (config == null) {
            throw new LatentwatchException("Adam needs a config, got null");
        }
        this.config = config;
    }

    public AdamConfig config() {
        return config;
    }

    /** Number of steps taken so far. */
    public long steps() {
        return steps;
    }

    /**
     * Updates every parameter in place from its current gradient, and returns the global L2 norm of
     * the gradients before clipping (useful to watch for exploding gradients).
     */
    public double step(List<Parameter> parameters) {
        return step(parameters, 1.0);
    }

    /**
     * As {@link #step(List)} with the learning rate multiplied by {@code learningRateFactor} (from a
     * {@link LrSchedule}); decoupled weight decay scales with it, as in PyTorch.
     */
    public double step(List<Parameter> parameters, double learningRateFactor) {
        if (!(learningRateFactor >= 0 && learningRateFactor <= 1)) {
            throw new LatentwatchException("learning-rate factor must be in [0, 1], got " + learningRateFactor);
        }
        ensureMoments(parameters);
        double norm = globalNorm(parameters);
        double clip = config.clipNorm() > 0 && norm > config.clipNorm() ? config.clipNorm() / norm : 1.0;
        steps++;
        double b1 = config.beta1();
        double b2 = config.beta2();
        double correction1 = 1 - Math.pow(b1, steps);
        double rootCorrection2 = Math.sqrt(1 - Math.pow(b2, steps));
        double rate = config.learningRate() * learningRateFactor;
        float stepSize = (float) (rate / correction1);
        float decay = (float) (1 - rate * config.weightDecay());
        float eps = (float) config.epsilon();
        float clipScale = (float) clip;
        float fb1 = (float) b1;
        float fb2 = (float) b2;
        float invRoot2 = (float) (1 / rootCorrection2);
        for (int p = 0; p < parameters.size(); p++) {
            Parameter param = parameters.get(p);
            float[] w = param.values();
            float[] g = param.gradient();
            float[] m = firstMoment[p];
            float[] v = secondMoment[p];
            boolean decays = param.decays() && config.weightDecay() > 0;
            for (int k = 0; k < w.length; k++) {
                float gk = g[k] * clipScale;
                m[k] = fb1 * m[k] + (1 - fb1) * gk;
                v[k] = fb2 * v[k] + (1 - fb2) * gk * gk;
                float wk = decays ? w[k] * decay : w[k];
                w[k] = wk - stepSize * m[k] / ((float) Math.sqrt(v[k]) * invRoot2 + eps);
            }
        }
        return norm;
    }

    private void ensureMoments(List<Parameter> parameters) {
        if (firstMoment == null) {
            firstMoment = new float[parameters.size()][];
            secondMoment = new float[parameters.size()][];
            for (int p = 0; p < parameters.size(); p++) {
                firstMoment[p] = new float[parameters.get(p).values().length];
                secondMoment[p] = new float[parameters.get(p).values().length];
            }
            return;
        }
        if (parameters.size() != firstMoment.length) {
            throw new LatentwatchException("Adam was set up for " + firstMoment.length
                    + " parameter arrays, got " + parameters.size());
        }
        for (int p = 0; p < parameters.size(); p++) {
            if (parameters.get(p).values().length != firstMoment[p].length) {
                throw new LatentwatchException("parameter " + p + " has " + parameters.get(p).values().length
                        + " values, expected " + firstMoment[p].length + " as in the first step");
            }
        }
    }

    private static double globalNorm(List<Parameter> parameters) {
        double sum = 0;
        for (Parameter param : parameters) {
            for (float g : param.gradient()) {
                sum += (double) g * g;
            }
        }
        return Math.sqrt(sum);
    }
}
