package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A Numenta Anomaly Benchmark application profile: how much a true positive earns and a false
 * negative or false positive costs.
 */
public enum NabProfile {
    STANDARD("standard", 1.0, 1.0, 0.11),
    REWARD_LOW_FP_RATE("reward_low_FP_rate", 1.0, 1.0, 0.22),
    REWARD_LOW_FN_RATE("reward_low_FN_rate", 1.0, 2.0, 0.11);

    private final String nabName;
    private final double tp;
    private final double fn;
    private final double fp;

    NabProfile(String nabName, double tp, double fn, double fp) {
        this.nabName = nabName;
        this.tp = tp;
        this.fn = fn;
        this.fp = fp;
    }

    /** The name NAB uses, as in its {@code S(t)_<name>} result columns. */
    public String nabName() {
        return nabName;
    }

    /** What the earliest detection in a window earns. */
    public double tp() {
        return tp;
    }

    /** What a window without detections costs, as a positive number. */
    public double fn() {
        return fn;
    }

    /** What a detection far from any window costs, as a positive number. */
    public double fp() {
        return fp;
    }

    /**
     * The profile NAB calls {@code name}.
     *
     * @throws LatentwatchException naming the bad name and the valid ones
     */
    public static NabProfile byNabName(String name) {
        for (NabProfile p : values()) {
            if (p.nabName.equals(name)) {
                return p;
            }
        }
        throw new LatentwatchException("unknown NAB profile '" + name + "', expected one of "
                + Arrays.stream(values()).map(NabProfile::nabName).collect(Collectors.joining(", ")));
    }
}
