package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;

/**
 * When an entity's incident opens, updates and closes.
 *
 * <p>Defaults ({@link #DEFAULT}), for the shipped windowing of 32 readings with a hop of 4:
 * <ul>
 *   <li>{@code k=2, n=4}: a threshold set at a high quantile of normal scores still lets an occasional
 *   normal window cross it; requiring a second crossing within four windows (16 readings, half a
 *   window) drops those lone crossings while delaying a real, sustained anomaly by one window at
 *   most.</li>
 *   <li>{@code m=8}: with hop 4 every reading sits in 32 / 4 = 8 consecutive windows, so eight quiet
 *   windows in a row mean that no reading of the disturbance is left in the window; closing sooner
 *   lets a still-visible disturbance that dips under the threshold open a second incident.</li>
 *   <li>{@code updateEvery=0}: updates only on escalation, because a periodic heartbeat is a
 *   dashboard's choice, not the detector's.</li>
 * </ul>
 *
 * @param k above-threshold windows among the last {@code n} that open an incident, in [1, n]
 * @param n how many recent windows the k-of-n rule looks at, in [1, 64] (the state keeps them as the
 *     bits of one {@code long})
 * @param m consecutive below-threshold windows that close an open incident, ≥ 1
 * @param updateEvery while open, also emit an UPDATE every this many windows; 0 turns it off
 * @param bands where each severity level starts
 */
public record IncidentConfig(int k, int n, int m, int updateEvery, SeverityBands bands) {

    /** Largest {@code n}: the recent-window history is one 64-bit word. */
    public static final int MAX_N = 64;

    /** k=2 of n=4, close after m=8, no periodic updates, {@link SeverityBands#DEFAULT}. */
    public static final IncidentConfig DEFAULT = new IncidentConfig(2, 4, 8, 0);

    public IncidentConfig {
        if (n < 1 || n > MAX_N) {
            throw new LatentwatchException("n must be in [1, " + MAX_N + "], got " + n);
        }
        if (k < 1 || k > n) {
            throw new LatentwatchException("k must be in [1, n=" + n + "], got " + k);
        }
        if (m < 1) {
            throw new LatentwatchException("m must be in [1, " + Integer.MAX_VALUE + "], got " + m);
        }
        if (updateEvery < 0) {
            throw new LatentwatchException("updateEvery must be 0 (off) or in [1, " + Integer.MAX_VALUE + "], got "
                    + updateEvery);
        }
        if (bands == null) {
            throw new LatentwatchException("bands must be given, got null; SeverityBands.DEFAULT is 1.5, 3, 10");
        }
    }

    /** These counts with {@link SeverityBands#DEFAULT}. */
    public IncidentConfig(int k, int n, int m, int updateEvery) {
        this(k, n, m, updateEvery, SeverityBands.DEFAULT);
    }
}
