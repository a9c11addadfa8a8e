package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a window buffer does with missing values (a channel absent from a reading, or not a finite
 * number) and with silences between readings.
 *
 * @param mode how a missing value is filled
 * @param carryLimit with {@link Mode#CARRY_FORWARD}: how many consecutive readings a channel's last
 *     value may be carried; beyond that the training mean is used
 * @param maxGapMs a silence longer than this (event time between consecutive readings) empties the
 *     buffer, so no window spans it; 0 turns the check off
 */
public record GapPolicy(Mode mode, int carryLimit, long maxGapMs) {

    /** How a missing value is filled. */
    public enum Mode {
        /** The channel's last value, for at most {@code carryLimit} readings; then its training mean. */
        CARRY_FORWARD,
        /** The channel's training mean (0 after normalisation). */
        IMPUTE_MEAN,
        /** The value is filled with the mean, but a window holding any filled value is not scored. */
        SKIP_WINDOW;

        public static Mode parse(String word) {
            for (Mode m : values()) {
                if (m.word().equals(word == null ? "" : word.trim().toLowerCase(Locale.ROOT))) {
                    return m;
                }
            }
            throw new LatentwatchException("gap policy '" + word + "' is not known; expected one of "
                    + Arrays.stream(values()).map(Mode::word).toList());
        }

        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final int DEFAULT_CARRY_LIMIT = 10;

    public GapPolicy {
        if (mode == null) {
            throw new LatentwatchException("gap policy mode is missing; expected one of "
                    + Arrays.stream(Mode.values()).map(Mode::word).toList());
        }
        if (carryLimit < 0 || carryLimit > 1_000_000) {
            throw new LatentwatchException("gap carry limit must be in [0, 1000000] readings, got " + carryLimit);
        }
        if (maxGapMs < 0) {
            throw new LatentwatchException("max gap must be >= 0 ms (0 = off), got " + maxGapMs);
        }
    }

    /** Carry forward for up to 10 readings, then the training mean; silences never reset the buffer. */
    public static GapPolicy defaults() {
        return new GapPolicy(Mode.CARRY_FORWARD, DEFAULT_CARRY_LIMIT, 0);
    }

    @Override
    public String toString() {
        return mode.word() + (mode == Mode.CARRY_FORWARD ? " (limit " + carryLimit + ")" : "")
                + (maxGapMs > 0 ? ", reset after " + maxGapMs + " ms silence" : "");
    }
}
