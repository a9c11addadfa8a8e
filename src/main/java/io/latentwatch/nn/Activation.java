package io.latentwatch.nn;

/**
 * The element-wise nonlinearities a {@link Dense} layer can apply after its affine map.
 *
 * <p>Each derivative is expressed through the activation's output {@code y} rather than its input,
 * because the layer keeps its outputs for the backward pass and need not store pre-activations.
 */
public enum Activation {
    /**
     * {@code max(0, x)}; the derivative at 0 is taken as 0, as PyTorch and ONNX Runtime do. A NaN input
     * stays NaN, as in ONNX {@code Relu}.
     */
    RELU {
        @Override
        public float apply(float x) {
            return Math.max(x, 0f);
        }

        @Override
        public float derivativeFromOutput(float y) {
            return y > 0f ? 1f : 0f;
        }
    },
    /**
     * {@code x} for positive {@code x}, else {@code slope * x}; {@link #apply(float)} uses
     * {@link #DEFAULT_LEAKY_SLOPE}, {@link ActivationLayer} a configurable slope.
     */
    LEAKY_RELU {
        @Override
        public float apply(float x) {
            return apply(x, DEFAULT_LEAKY_SLOPE);
        }

        @Override
        public float derivativeFromOutput(float y) {
            return derivativeFromOutput(y, DEFAULT_LEAKY_SLOPE);
        }

        @Override
        public float apply(float x, float slope) {
            return x > 0f ? x : slope * x;
        }

        @Override
        public float derivativeFromOutput(float y, float slope) {
            return y > 0f ? 1f : slope;
        }
    },
    /** Hyperbolic tangent. */
    TANH {
        @Override
        public float apply(float x) {
            return (float) Math.tanh(x);
        }

        @Override
        public float derivativeFromOutput(float y) {
            return 1f - y * y;
        }
    },
    /** Logistic function {@code 1 / (1 + e^-x)}. */
    SIGMOID {
        @Override
        public float apply(float x) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }

        @Override
        public float derivativeFromOutput(float y) {
            return y * (1f - y);
        }
    },
    /** No nonlinearity: used for the latent code and the reconstruction. */
    IDENTITY {
        @Override
        public float apply(float x) {
            return x;
        }

        @Override
        public float derivativeFromOutput(float y) {
            return 1f;
        }
    };

    /** The negative-side slope of {@link #LEAKY_RELU} when none is given, as in PyTorch and ONNX. */
    public static final float DEFAULT_LEAKY_SLOPE = 0.01f;

    /** The activation of pre-activation {@code x}. */
    public abstract float apply(float x);

    /** The derivative d apply(x) / dx, given the output {@code y = apply(x)}. */
    public abstract float derivativeFromOutput(float y);

    /** {@code y[k] = max(0, x[k])} for {@code k < n}, as {@link #RELU}, without a branch per element. */
    static void reluForward(float[] x, float[] y, int n) {
        for (int k = 0; k < n; k++) {
            y[k] = Math.max(x[k], 0f);
        }
    }

    /**
     * {@code gradIn[k] = y[k] > 0 ? gradOut[k] : 0} for the outputs {@code y} of {@link #RELU}, without a
     * branch per element: ReLU signs are random, so a branch would be mispredicted half of the time.
     */
    static void reluBackward(float[] y, float[] gradOut, float[] gradIn, int n) {
        for (int k = 0; k < n; k++) {
            int bits = Float.floatToRawIntBits(y[k]);
            // All ones when y > 0 (sign bit clear, not zero), else 0.
            int mask = (-bits & ~bits) >> 31;
            gradIn[k] = Float.intBitsToFloat(Float.floatToRawIntBits(gradOut[k]) & mask);
        }
    }

    /** As {@link #apply(float)}, with the negative slope of {@link #LEAKY_RELU}; others ignore it. */
    public float apply(float x, float slope) {
        return apply(x);
    }

    /** As {@link #derivativeFromOutput(float)}, with the negative slope of {@link #LEAKY_RELU}. */
    public float derivativeFromOutput(float y, float slope) {
        return derivativeFromOutput(y);
    }
}
