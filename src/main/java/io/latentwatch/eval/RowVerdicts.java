package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;

/**
 * What the detector said about every row of one series: the per-row anomaly score in [0, 1], the
 * 0/1 alert flag, and the raw window score and threshold behind them.
 *
 * <p>The mapping from a window's raw score {@code s} and the entity's threshold {@code t} at that
 * window to the anomaly score is {@code s / (s + t)}: monotone in {@code s}, 0 for a perfect
 * reconstruction, exactly 0.5 at the threshold and below 1 for any finite score. A window's score
 * belongs to the row at its window end and stays the row score until the next window ends (the
 * detector's latest verdict, which matters with a hop above 1 or for readings set aside as late);
 * rows before the first window score 0. A row's alert is 1 from the row whose window opened an
 * incident through the row whose window closed it, both inclusive, and through the last row if
 * the incident is still open there.
 *
 * @param anomalyScores per row, in [0, 1]
 * @param alerts per row, 0 or 1
 * @param rawScores per row, the raw reconstruction score of the window ending there, NaN where none did
 * @param thresholds per row, the threshold that window was compared with, NaN where none
 * @param windows windows scored
 * @param incidents incidents opened
 */
public record RowVerdicts(double[] anomalyScores, int[] alerts, double[] rawScores, double[] thresholds,
                          int windows, int incidents) {

    public RowVerdicts {
        int n = anomalyScores.length;
        if (alerts.length != n || rawScores.length != n || thresholds.length != n) {
            throw new LatentwatchException("per-row arrays differ in length: " + n + " scores, " + alerts.length
                    + " alerts, " + rawScores.length + " raw scores, " + thresholds.length + " thresholds");
        }
    }

    /** The anomaly score of a window's raw score against its threshold: {@code s / (s + t)}, in [0, 1]. */
    public static double anomalyScore(double score, double threshold) {
        if (!(score > 0)) {
            return 0;
        }
        if (Double.isInfinite(score) || !(threshold > 0)) {
            return 1;
        }
        return score / (score + threshold);
    }

    public int rows() {
        return anomalyScores.length;
    }

    /** The same verdicts with other per-row anomaly scores (see {@link RowScore}). */
    public RowVerdicts withAnomalyScores(double[] scores) {
        return new RowVerdicts(scores, alerts, rawScores, thresholds, windows, incidents);
    }

    /**
     * Per row, 1 where the latest window's raw score (held until the next window ends, as the level
     * score is) exceeded its threshold, else 0: detection without the incident logic.
     */
    public int[] aboveThreshold() {
        int[] above = new int[rows()];
        boolean current = false;
        for (int i = 0; i < above.length; i++) {
            if (!Double.isNaN(rawScores[i])) {
                current = rawScores[i] > thresholds[i];
            }
            above[i] = current ? 1 : 0;
        }
        return above;
    }
}
