package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;

/**
 * Where each {@link Severity} level starts, as ratios of a peak score to its threshold: below
 * {@code medium} is LOW, below {@code high} MEDIUM, below {@code critical} HIGH, otherwise CRITICAL.
 *
 * @param medium ratio at which MEDIUM starts, finite and > 1 (every above-threshold ratio is > 1)
 * @param high ratio at which HIGH starts, finite and > medium
 * @param critical ratio at which CRITICAL starts, finite and > high
 */
public record SeverityBands(double medium, double high, double critical) {

    /**
     * 1.5×, 3× and 10×: the bands the per-window alerts already use ({@code detect.Alerts}), so that
     * an incident and the window alerts it replaces agree on what MEDIUM means.
     */
    public static final SeverityBands DEFAULT = new SeverityBands(1.5, 3, 10);

    public SeverityBands {
        check("medium", medium, medium > 1, "(1, inf)");
        check("high", high, high > medium, "(medium=" + medium + ", inf)");
        check("critical", critical, critical > high, "(high=" + high + ", inf)");
    }

    /** The severity of a score that is {@code ratio} times its threshold. */
    public Severity of(double ratio) {
        if (ratio < medium) {
            return Severity.LOW;
        }
        if (ratio < high) {
            return Severity.MEDIUM;
        }
        if (ratio < critical) {
            return Severity.HIGH;
        }
        return Severity.CRITICAL;
    }

    private static void check(String name, double value, boolean ok, String range) {
        if (!ok || !Double.isFinite(value)) {
            throw new LatentwatchException("severity band " + name + " must be finite and in " + range + ", got "
                    + value);
        }
    }
}
