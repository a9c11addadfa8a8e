package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A learning-rate schedule: the factor the base learning rate is multiplied by in each epoch.
 *
 * <p>{@link Kind#NONE}: always 1. {@link Kind#COSINE}: from 1 down to {@code minFactor} over the run,
 * {@code min + (1 - min) * (1 + cos(pi * (epoch - 1) / epochs)) / 2}. {@link Kind#STEP}: multiplied by
 * {@code gamma} every {@code stepEpochs} epochs, never below {@code minFactor}.
 *
 * @param kind the schedule
 * @param stepEpochs epochs per step for {@link Kind#STEP}, in [1, 100000]
 * @param gamma factor per step for {@link Kind#STEP}, in (0, 1]
 * @param minFactor smallest factor, in [0, 1]
 */
public record LrSchedule(Kind kind, int stepEpochs, double gamma, double minFactor) {
    /** A constant learning rate, the default. */
    public static final LrSchedule NONE = new LrSchedule(Kind.NONE, 1, 1, 0);

    /** The schedules. */
    public enum Kind {
        NONE, COSINE, STEP;

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
            throw new LatentwatchException("learning-rate schedule '" + word + "' is not known; expected one of "
                    + Arrays.stream(values()).map(Kind::word).toList());
        }
    }

    public LrSchedule {
        if (kind == null) {
            throw new LatentwatchException("schedule kind must be one of " + Arrays.toString(Kind.values())
                    + ", got null");
        }
        if (stepEpochs < 1 || stepEpochs > 100_000) {
            throw new LatentwatchException("schedule stepEpochs must be in [1, 100000], got " + stepEpochs);
        }
        if (!(gamma > 0 && gamma <= 1)) {
            throw new LatentwatchException("schedule gamma must be in (0, 1], got " + gamma);
        }
        if (!(minFactor >= 0 && minFactor <= 1)) {
            throw new LatentwatchException("schedule minFactor must be in [0, 1], got " + minFactor);
        }
    }

    /** Cosine decay to {@code minFactor}. */
    public static LrSchedule cosine(double minFactor) {
        return new LrSchedule(Kind.COSINE, 1, 1, minFactor);
    }

    /** Step decay by {@code gamma} every {@code stepEpochs} epochs. */
    public static LrSchedule step(int stepEpochs, double gamma) {
        return new LrSchedule(Kind.STEP, stepEpochs, gamma, 0);
    }

    /** The factor for {@code epoch} (from 1) of a run of at most {@code epochs} epochs. */
    public double factor(int epoch, int epochs) {
        switch (kind) {
            case COSINE:
                return minFactor + (1 - minFactor) * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs));
            case STEP:
                return Math.max(minFactor, Math.pow(gamma, (epoch - 1) / stepEpochs));
            default:
                return 1.0;
        }
    }
}
