package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.CsvOptions;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.NabLabels;
import io.latentwatch.data.SeriesReader;
import io.latentwatch.data.TimeSeries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring half of {@code latentwatch evaluate}: only here are labels read, after every file has
 * been detected. Produces the summary as a JSON-ready tree of maps, in a stable key order.
 */
public final class EvaluationScoring {
    private EvaluationScoring() {
    }

    /**
     * NAB: {@code nab} scores the anomaly scores with NAB's threshold optimisation over the corpus,
     * {@code nab_alerts} scores the detector's own 0/1 alerts as they are; both under the three profiles.
     *
     * @param labels NAB's {@code labels/combined_windows.json}
     */
    public static Map<String, Object> nab(List<FileDetection> detections, Path labels) {
        Map<String, List<long[]>> windows = NabLabels.read(labels);
        List<NabFile> byScore = new ArrayList<>();
        List<NabFile> byAlert = new ArrayList<>();
        for (FileDetection d : detections) {
            List<long[]> w = windows.get(d.key());
            if (w == null) {
                throw new LatentwatchException(labels + " has no entry for " + d.key()
                        + ", expected one per data file (an empty list for a file without anomalies)");
            }
            int[] alerts = d.verdicts().alerts();
            double[] alertScores = new double[alerts.length];
            for (int i = 0; i < alerts.length; i++) {
                alertScores[i] = alerts[i];
            }
            byScore.add(new NabFile(d.key(), d.timestamps(), d.verdicts().anomalyScores(), w));
            byAlert.add(new NabFile(d.key(), d.timestamps(), alertScores, w));
        }
        Map<String, Object> scores = new LinkedHashMap<>();
        Map<String, Object> alertFigures = new LinkedHashMap<>();
        Map<String, Object> thresholds = new LinkedHashMap<>();
        NabResult standard = null;
        NabResult standardAlerts = null;
        for (NabProfile p : NabProfile.values()) {
            NabResult s = NabScorer.score(byScore, p);
            NabResult a = NabScorer.scoreAlerts(byAlert, p);
            scores.put(p.nabName(), round(s.normalized()));
            alertFigures.put(p.nabName(), round(a.normalized()));
            thresholds.put(p.nabName(), s.threshold());
            if (p == NabProfile.STANDARD) {
                standard = s;
                standardAlerts = a;
            }
        }
        Map<String, Object> files = new LinkedHashMap<>();
        for (FileDetection d : detections) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rows", d.verdicts().rows());
            f.put("label_windows", windows.get(d.key()).size());
            f.put("detector_windows", d.verdicts().windows());
            f.put("incidents", d.verdicts().incidents());
            f.put("alert_rows", count(d.verdicts().alerts()));
            f.put("standard_raw", round(standard.rawByFile().get(d.key())));
            f.put("alerts_standard_raw", round(standardAlerts.rawByFile().get(d.key())));
            if (d.untrained() != null) {
                f.put("untrained", d.untrained());
            }
            files.put(d.key(), f);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("nab", scores);
        summary.put("nab_alerts", alertFigures);
        summary.put("nab_thresholds", thresholds);
        summary.put("files", files);
        return summary;
    }

    /**
     * SKAB (and labelled CSV): point-wise F1, FAR and MAR of the alerts over the test rows of all
     * files pooled, with the labels read from the files now. Also, for diagnosis, the same figures
     * for "window score above its threshold" without incident logic.
     *
     * @param csv the CSV columns, with the label column (ignored for SKAB, whose label column is {@code anomaly})
     */
    public static Map<String, Object> pointwise(List<FileDetection> detections, DataFormat format, CsvOptions csv) {
        if (format == DataFormat.CSV && (csv == null || csv.labelColumn() == null)) {
            throw new LatentwatchException("scoring CSV files needs their label column (--label-column)");
        }
        List<int[]> labels = new ArrayList<>();
        List<int[]> alerts = new ArrayList<>();
        List<int[]> above = new ArrayList<>();
        Map<String, Object> files = new LinkedHashMap<>();
        for (FileDetection d : detections) {
            TimeSeries labelled = SeriesReader.read(d.file(), format, csv);
            if (labelled.labels() == null || labelled.rows() != d.verdicts().rows()) {
                throw new LatentwatchException(d.file() + ": expected " + d.verdicts().rows()
                        + " labelled rows, found " + (labelled.labels() == null ? "no label column" : labelled.rows()));
            }
            int[] truth = java.util.Arrays.copyOfRange(labelled.labels(), d.firstScoredRow(), labelled.rows());
            int[] predicted = d.outputAlerts();
            int[] over = java.util.Arrays.copyOfRange(d.verdicts().aboveThreshold(), d.firstScoredRow(),
                    d.verdicts().rows());
            labels.add(truth);
            alerts.add(predicted);
            above.add(over);
            SkabMetrics m = SkabMetrics.of(truth, predicted);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("rows", truth.length);
            f.put("f1", round(m.f1()));
            f.put("far", round(m.far()));
            f.put("mar", round(m.mar()));
            f.put("incidents", d.verdicts().incidents());
            if (d.untrained() != null) {
                f.put("untrained", d.untrained());
            }
            files.put(d.key(), f);
        }
        SkabMetrics pooled = SkabMetrics.pooled(labels, alerts);
        SkabMetrics raw = SkabMetrics.pooled(labels, above);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("f1", round(pooled.f1()));
        summary.put("far", round(pooled.far()));
        summary.put("mar", round(pooled.mar()));
        Map<String, Object> confusion = new LinkedHashMap<>();
        confusion.put("tp", pooled.tp());
        confusion.put("fp", pooled.fp());
        confusion.put("tn", pooled.tn());
        confusion.put("fn", pooled.fn());
        summary.put("confusion", confusion);
        Map<String, Object> windowLevel = new LinkedHashMap<>();
        windowLevel.put("f1", round(raw.f1()));
        windowLevel.put("far", round(raw.far()));
        windowLevel.put("mar", round(raw.mar()));
        summary.put("score_above_threshold", windowLevel);
        summary.put("files", files);
        return summary;
    }

    private static int count(int[] flags) {
        int n = 0;
        for (int f : flags) {
            n += f;
        }
        return n;
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }
}
