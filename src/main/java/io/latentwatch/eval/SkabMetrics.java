package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Point-wise detection quality as the Skoltech Anomaly Benchmark (SKAB) reports it: the confusion
 * counts over the test rows of all runs pooled, with F1, the false-alarm rate and the
 * missed-alarm rate derived from them.
 *
 * <p>Rates are fractions in [0, 1] (SKAB prints them as percentages). Where a figure's
 * denominator is zero it is 0, not NaN: F1 when nothing is labelled or predicted anomalous (as
 * scikit-learn, which SKAB's published figures come from, reports it), FAR when no row is normal,
 * MAR when no row is anomalous, since there was then no chance to err.
 *
 * @param tp anomalous rows predicted anomalous
 * @param fp normal rows predicted anomalous
 * @param tn normal rows predicted normal
 * @param fn anomalous rows predicted normal
 */
public record SkabMetrics(long tp, long fp, long tn, long fn) {

    public SkabMetrics {
        if (tp < 0 || fp < 0 || tn < 0 || fn < 0) {
            throw new LatentwatchException("confusion counts must not be negative, got tp=" + tp + ", fp=" + fp
                    + ", tn=" + tn + ", fn=" + fn);
        }
        if (tp + fp + tn + fn == 0) {
            throw new LatentwatchException("no test rows to score, expected at least one labelled row");
        }
    }

    /**
     * Pools runs: {@code labels.get(r)} and {@code predictions.get(r)} are run {@code r}'s test
     * rows, each value 0 (normal) or 1 (anomalous).
     *
     * @throws LatentwatchException when the lists or a run's arrays differ in length, a value is
     *     neither 0 nor 1 (naming the run, row and value), or there are no rows at all
     */
    public static SkabMetrics pooled(List<int[]> labels, List<int[]> predictions) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predictions, "predictions");
        if (labels.size() != predictions.size()) {
            throw new LatentwatchException(labels.size() + " runs of labels but " + predictions.size()
                    + " runs of predictions, expected one of each per run");
        }
        long[] counts = new long[4];
        for (int r = 0; r < labels.size(); r++) {
            int[] truth = Objects.requireNonNull(labels.get(r), "labels of run " + r);
            int[] predicted = Objects.requireNonNull(predictions.get(r), "predictions of run " + r);
            if (truth.length != predicted.length) {
                throw new LatentwatchException("run " + r + " has " + truth.length + " labels but "
                        + predicted.length + " predictions, expected one prediction per labelled row");
            }
            for (int i = 0; i < truth.length; i++) {
                // Index 2 * label + prediction: tn, fp, fn, tp.
                counts[2 * bit(truth[i], "label", r, i) + bit(predicted[i], "prediction", r, i)]++;
            }
        }
        return new SkabMetrics(counts[3], counts[1], counts[0], counts[2]);
    }

    /** One run's metrics; see {@link #pooled}. */
    public static SkabMetrics of(int[] labels, int[] predictions) {
        return pooled(List.of(labels), List.of(predictions));
    }

    /** The number of rows counted. */
    public long rows() {
        return tp + fp + tn + fn;
    }

    /** {@code 2TP / (2TP + FP + FN)}, the harmonic mean of precision and recall; 0 with no positives. */
    public double f1() {
        long denominator = 2 * tp + fp + fn;
        return denominator == 0 ? 0.0 : 2.0 * tp / denominator;
    }

    /** False-alarm rate {@code FP / (FP + TN)}; 0 when no row is normal. */
    public double far() {
        return fp + tn == 0 ? 0.0 : (double) fp / (fp + tn);
    }

    /** Missed-alarm rate {@code FN / (FN + TP)}; 0 when no row is anomalous. */
    public double mar() {
        return fn + tp == 0 ? 0.0 : (double) fn / (fn + tp);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "F1 %.4f, FAR %.2f%%, MAR %.2f%% (tp %d, fp %d, tn %d, fn %d)",
                f1(), 100 * far(), 100 * mar(), tp, fp, tn, fn);
    }

    private static int bit(int value, String what, int run, int row) {
        if (value != 0 && value != 1) {
            throw new LatentwatchException("run " + run + " row " + row + ": " + what + " " + value
                    + " is neither 0 nor 1");
        }
        return value;
    }
}
