package io.latentwatch.eval;

import java.nio.file.Path;

/**
 * The detector's output for one benchmark file, before any label is looked at.
 *
 * @param key the file's path relative to the benchmark's data folder, with {@code /}, e.g.
 *     {@code realKnownCause/nyc_taxi.csv}; also its entity id and its output path
 * @param file the data file
 * @param timestamps every row's event time (epoch ms), in file order
 * @param firstScoredRow rows before this one trained the model and are not in the output (0 for NAB)
 * @param verdicts the detector's verdict on every row of the file
 * @param untrained why no detector could be trained for this file (its rows then all score 0), or null
 */
public record FileDetection(String key, Path file, long[] timestamps, int firstScoredRow, RowVerdicts verdicts,
                            String untrained) {

    /** The anomaly scores of the output rows. */
    public double[] outputScores() {
        return java.util.Arrays.copyOfRange(verdicts.anomalyScores(), firstScoredRow, verdicts.rows());
    }

    /** The 0/1 alerts of the output rows. */
    public int[] outputAlerts() {
        return java.util.Arrays.copyOfRange(verdicts.alerts(), firstScoredRow, verdicts.rows());
    }
}
