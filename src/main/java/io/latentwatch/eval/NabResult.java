package io.latentwatch.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A detector's NAB score over a corpus under one profile, at one threshold.
 *
 * @param profile the cost profile
 * @param threshold a row is a detection when its anomaly score is at least this;
 *     {@value NabScorer#NO_DETECTIONS} means none is
 * @param raw the summed score of all files
 * @param normalized {@code 100 * (raw - null) / (perfect - null)}: 0 for a detector that detects
 *     nothing, 100 for one that detects every window on its first row and nothing else
 * @param windows the number of scored windows (those with at least one row past probation)
 * @param rawByFile each file's raw score at {@code threshold}, in corpus order; they sum to {@code raw}
 */
public record NabResult(NabProfile profile, double threshold, double raw, double normalized, int windows,
        Map<String, Double> rawByFile) {

    public NabResult {
        rawByFile = Collections.unmodifiableMap(new LinkedHashMap<>(rawByFile));
    }

    /** The raw score of detecting nothing: every window missed. */
    public double nullScore() {
        return -profile.fn() * windows;
    }

    /** The raw score of detecting every window on its first row and nothing else. */
    public double perfectScore() {
        return profile.tp() * windows;
    }
}
