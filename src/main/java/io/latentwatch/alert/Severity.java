package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;

/**
 * How far above its threshold an incident's peak went, in increasing order so that escalation is a
 * comparison of ordinals. {@link SeverityBands} decides where each level starts.
 */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    private static final Severity[] VALUES = values();

    /** The level with this ordinal; used by the state codec, which stores severities as one byte. */
    static Severity ofOrdinal(int ordinal) {
        if (ordinal < 0 || ordinal >= VALUES.length) {
            throw new LatentwatchException("severity ordinal must be in [0, " + (VALUES.length - 1)
                    + "], got " + ordinal);
        }
        return VALUES[ordinal];
    }

    /** The higher of this and {@code other}. */
    Severity max(Severity other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
