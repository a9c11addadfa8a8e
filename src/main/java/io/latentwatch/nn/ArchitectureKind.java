package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The autoencoder families the trainer builds, named as {@code --arch} and the model card name them. */
public enum ArchitectureKind {
    /** Fully connected encoder and decoder. */
    DENSE,
    /** Strided Conv1d encoder, ConvTranspose1d decoder. */
    CONV,
    /** Trained to reconstruct the clean window from a corrupted one. */
    DENOISING,
    /** A sparsity penalty (L1 or KL to a target rate) on the latent activations. */
    SPARSE,
    /** Variational: Gaussian code with a KL term; scored through the mean. */
    VAE;

    /** The lower-case word used on the command line and in the model card. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every word, in declaration order. */
    public static List<String> words() {
        return Arrays.stream(values()).map(ArchitectureKind::word).toList();
    }

    /** The kind named {@code word}, or an error listing the valid words. */
    public static ArchitectureKind parse(String word) {
        for (ArchitectureKind k : values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        throw new LatentwatchException("architecture '" + word + "' is not known; expected one of " + words());
    }
}
