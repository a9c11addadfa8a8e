package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * The shape of a {@link DenseAutoencoder}: input width, the encoder's hidden widths from the input
 * side inwards (the decoder mirrors them), and the latent width.
 *
 * @param inputSize features per window (window × channels), in [1, {@link Dense#MAX_UNITS}]
 * @param hidden encoder hidden widths, each in [1, {@link Dense#MAX_UNITS}]; may be empty
 * @param latent width of the code, in [1, {@link Dense#MAX_UNITS}]
 */
public record DenseAutoencoderConfig(int inputSize, int[] hidden, int latent) {

    public DenseAutoencoderConfig {
        checkSize("inputSize", inputSize);
        if (hidden == null) {
            throw new LatentwatchException("hidden must be an array of layer widths (possibly empty), got null");
        }
        hidden = hidden.clone();
        for (int i = 0; i < hidden.length; i++) {
            checkSize("hidden[" + i + "]", hidden[i]);
        }
        checkSize("latent", latent);
    }

    private static void checkSize(String name, int size) {
        if (size < 1 || size > Dense.MAX_UNITS) {
            throw new LatentwatchException(name + " must be in [1, " + Dense.MAX_UNITS + "], got " + size);
        }
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    /** Widths of every layer boundary, input to input: e.g. 64, 32, 8, 32, 64. */
    public int[] layerWidths() {
        int[] widths = new int[2 * hidden.length + 3];
        widths[0] = inputSize;
        for (int i = 0; i < hidden.length; i++) {
            widths[1 + i] = hidden[i];
            widths[widths.length - 2 - i] = hidden[i];
        }
        widths[hidden.length + 1] = latent;
        widths[widths.length - 1] = inputSize;
        return widths;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseAutoencoderConfig c && inputSize == c.inputSize && latent == c.latent
                && Arrays.equals(hidden, c.hidden);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * inputSize + Arrays.hashCode(hidden)) + latent;
    }

    @Override
    public String toString() {
        return "DenseAutoencoderConfig[inputSize=" + inputSize + ", hidden=" + Arrays.toString(hidden)
                + ", latent=" + latent + "]";
    }
}
