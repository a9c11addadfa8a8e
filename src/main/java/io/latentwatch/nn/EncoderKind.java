package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Whether an autoencoder's encoder and decoder are fully connected or 1-D convolutional. */
public enum EncoderKind {
    DENSE, CONV;

    /** The lower-case word used on the command line and in the model card. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every word, in declaration order. */
    public static List<String> words() {
        return Arrays.stream(values()).map(EncoderKind::word).toList();
    }

    /** The kind named {@code word}, or an error listing the valid words. */
    public static EncoderKind parse(String word) {
        for (EncoderKind k : values()) {
            if (k.word().equals(word)) {
                return k;
            }
        }
        throw new LatentwatchException("encoder '" + word + "' is not known; expected one of " + words());
    }
}
