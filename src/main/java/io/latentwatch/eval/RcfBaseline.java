package io.latentwatch.eval;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;

/**
 * The classical baseline of {@code evaluate --detector rcf}: AWS's ThresholdedRandomCutForest
 * (randomcutforest-parkservices), fed every row of a series in order, shingled internally and with
 * its own adaptive threshold. It learns online from the rows it has seen, the training rows first,
 * and never from a row before scoring it. Rows map to the same contract as the autoencoder's:
 * {@code anomaly_score = s / (s + t)} for the forest's score {@code s} and threshold {@code t}, and
 * {@code alert} 1 where its anomaly grade is positive.
 *
 * @param shingle rows per shingle (the forest's window)
 * @param trees number of trees
 * @param sampleSize points each tree keeps
 * @param seed the forest's random seed
 */
public record RcfBaseline(int shingle, int trees, int sampleSize, long seed) {
    public static final RcfBaseline DEFAULT = new RcfBaseline(8, 50, 256, 42);

    public RcfBaseline {
        if (shingle < 1 || shingle > 256) {
            throw new LatentwatchException("RCF shingle must be in [1, 256] rows, got " + shingle);
        }
        if (trees < 1 || trees > 1000) {
            throw new LatentwatchException("RCF trees must be in [1, 1000], got " + trees);
        }
        if (sampleSize < 16 || sampleSize > 8192) {
            throw new LatentwatchException("RCF sample size must be in [16, 8192], got " + sampleSize);
        }
    }

    /** Runs every row of {@code series} (no labels) through a fresh forest. */
    public RowVerdicts run(TimeSeries series) {
        if (series.labels() != null) {
            throw new LatentwatchException("the RCF baseline is given labels; detection must never see them");
        }
        int channels = series.channels().size();
        ThresholdedRandomCutForest forest = ThresholdedRandomCutForest.builder()
                .dimensions(channels * shingle).shingleSize(shingle).internalShinglingEnabled(true)
                .numberOfTrees(trees).sampleSize(sampleSize).randomSeed(seed)
                .transformMethod(TransformMethod.NORMALIZE).anomalyRate(0.005).build();
        int n = series.rows();
        double[] scores = new double[n];
        int[] alerts = new int[n];
        double[] raw = new double[n];
        double[] thresholds = new double[n];
        double[] last = new double[channels];
        int incidents = 0;
        for (int i = 0; i < n; i++) {
            double[] row = series.values()[i].clone();
            for (int c = 0; c < channels; c++) {
                // the forest takes no missing values: carry the channel's last value, as the detector does
                row[c] = Double.isFinite(row[c]) ? row[c] : last[c];
                last[c] = row[c];
            }
            AnomalyDescriptor d = forest.process(row, series.timestamps()[i]);
            raw[i] = d.getRCFScore();
            thresholds[i] = d.getThreshold();
            scores[i] = RowVerdicts.anomalyScore(raw[i], thresholds[i]);
            alerts[i] = d.getAnomalyGrade() > 0 ? 1 : 0;
            if (alerts[i] == 1 && (i == 0 || alerts[i - 1] == 0)) {
                incidents++;
            }
        }
        return new RowVerdicts(scores, alerts, raw, thresholds, n, incidents);
    }
}
