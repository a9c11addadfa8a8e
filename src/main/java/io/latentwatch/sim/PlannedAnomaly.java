package io.latentwatch.sim;

/**
 * An anomaly as the simulator applies it: reading indices rather than timestamps, plus the
 * direction of the deviation, which the public {@link InjectedAnomaly} leaves out.
 *
 * @param entity 0-based entity number
 * @param startIndex first affected reading index (inclusive)
 * @param endIndex first unaffected reading index after it (exclusive)
 * @param direction +1 or -1: which way a shift or drift goes
 */
record PlannedAnomaly(int entity, long startIndex, long endIndex, AnomalyKind kind, Channel channel,
        double direction) {

    boolean covers(long index) {
        return index >= startIndex && index < endIndex;
    }

    long length() {
        return endIndex - startIndex;
    }
}
