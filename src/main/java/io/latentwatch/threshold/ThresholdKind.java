package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The adaptive threshold algorithms an entity's scores can be judged by, as named on the command line.
 *
 * <ul>
 *   <li>{@link #SPOT}: peaks over threshold with a generalised Pareto tail (Siffer et al., KDD 2017).</li>
 *   <li>{@link #DSPOT}: SPOT on the score minus the mean of the last {@code depth} normal scores, for drift.</li>
 *   <li>{@link #EWMA}: exponentially weighted mean plus {@code k} exponentially weighted standard deviations.</li>
 *   <li>{@link #QUANTILE}: exact quantile of the last {@code window} normal scores, times a margin.</li>
 * </ul>
 */
public enum ThresholdKind {
    SPOT(1),
    DSPOT(2),
    EWMA(3),
    QUANTILE(4);

    private final int code;

    ThresholdKind(int code) {
        this.code = code;
    }

    /** The byte that names this kind in persisted state; fixed forever, unlike {@link #ordinal()}. */
    int code() {
        return code;
    }

    /** The word that selects this kind on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line word, ignoring case and surrounding spaces.
     *
     * @throws LatentwatchException naming the bad word and the valid choices
     */
    public static ThresholdKind parse(String word) {
        if (word != null) {
            String wanted = word.strip();
            for (ThresholdKind kind : values()) {
                if (kind.word().equalsIgnoreCase(wanted)) {
                    return kind;
                }
            }
        }
        throw new LatentwatchException("unknown threshold kind '" + word + "', expected one of: " + choices());
    }

    static ThresholdKind ofCode(int code) {
        for (ThresholdKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        return null;
    }

    private static String choices() {
        return Arrays.stream(values()).map(ThresholdKind::word).collect(Collectors.joining(", "));
    }
}
