package io.latentwatch.eval;

import io.latentwatch.alert.SeverityBands;
import io.latentwatch.data.CsvOptions;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.SeriesReader;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.report.Incident;
import io.latentwatch.report.ReportInput;
import io.latentwatch.report.Signal;
import io.latentwatch.report.Span;
import io.latentwatch.report.Track;
import io.latentwatch.report.WindowScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The report of an evaluation, after scoring: one chart per benchmark file with its signal, every
 * window's raw score and threshold, the detector's incidents and the labelled anomaly windows, and
 * a summary table of the headline figures.
 *
 * <p>Benchmark files may repeat or step back in time (some NAB files do); charts are drawn against
 * the running maximum of the timestamps, so such rows stack up at the same x position. An incident
 * spans the rows of a run of {@code alert = 1}; its severity is that of the run's highest
 * score-to-threshold ratio in the detector's default bands ({@link SeverityBands#DEFAULT}).
 */
public final class EvaluationReport {
    private EvaluationReport() {
    }

    /**
     * @param summary the evaluation's summary (as written to summary.json); nested figures are
     *     flattened into the table, per-file figures left out (each file has its own chart)
     * @param nabWindows NAB: the label windows by file key (epoch ms); null for SKAB and CSV, whose
     *     labels are read from the files
     * @param csv the CSV columns, with the label column, for SKAB and CSV
     */
    public static ReportInput build(String title, DataFormat format, List<FileDetection> detections,
                                    Map<String, Object> summary, Map<String, List<long[]>> nabWindows,
                                    CsvOptions csv) {
        List<Track> tracks = new ArrayList<>();
        for (FileDetection d : detections) {
            TimeSeries series = SeriesReader.read(d.file(), format, csv);
            long[] times = nonDecreasing(series.timestamps());
            List<Span> labels = nabWindows != null ? spans(nabWindows.getOrDefault(d.key(), List.of()))
                    : labelRuns(series.labels(), times, d.firstScoredRow());
            tracks.add(new Track(d.key(), signal(series, times), scores(d.verdicts(), times),
                    incidents(d.verdicts(), times), labels));
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("files", detections.size());
        flatten("", summary, table);
        return new ReportInput(title, table, tracks);
    }

    static long[] nonDecreasing(long[] timestamps) {
        long[] t = timestamps.clone();
        for (int i = 1; i < t.length; i++) {
            t[i] = Math.max(t[i], t[i - 1]);
        }
        return t;
    }

    private static Signal signal(TimeSeries series, long[] times) {
        int channels = series.channels().size();
        double[][] byChannel = new double[channels][series.rows()];
        for (int i = 0; i < series.rows(); i++) {
            for (int c = 0; c < channels; c++) {
                byChannel[c][i] = series.values()[i][c];
            }
        }
        return new Signal(series.channels(), times, byChannel);
    }

    private static List<WindowScore> scores(RowVerdicts v, long[] times) {
        List<WindowScore> out = new ArrayList<>();
        for (int i = 0; i < v.rows(); i++) {
            if (!Double.isNaN(v.rawScores()[i])) {
                out.add(new WindowScore(times[i], v.rawScores()[i], v.thresholds()[i]));
            }
        }
        return out;
    }

    static List<Incident> incidents(RowVerdicts v, long[] times) {
        List<Incident> out = new ArrayList<>();
        int[] alerts = v.alerts();
        int i = 0;
        while (i < alerts.length) {
            if (alerts[i] == 0) {
                i++;
                continue;
            }
            int first = i;
            double peak = 0;
            while (i < alerts.length && alerts[i] == 1) {
                double s = v.rawScores()[i];
                double t = v.thresholds()[i];
                if (!Double.isNaN(s) && t > 0) {
                    peak = Math.max(peak, s / t);
                }
                i++;
            }
            out.add(new Incident(times[first], times[i - 1], SeverityBands.DEFAULT.of(peak), i < alerts.length));
        }
        return out;
    }

    private static List<Span> spans(List<long[]> windows) {
        return windows.stream().map(w -> new Span(w[0], w[1])).toList();
    }

    /** Runs of label 1 among the scored rows, as spans of (running-maximum) time. */
    static List<Span> labelRuns(int[] labels, long[] times, int firstScored) {
        List<Span> out = new ArrayList<>();
        if (labels == null) {
            return out;
        }
        int i = firstScored;
        while (i < labels.length) {
            if (labels[i] != 1) {
                i++;
                continue;
            }
            int first = i;
            while (i < labels.length && labels[i] == 1) {
                i++;
            }
            out.add(new Span(times[first], times[i - 1]));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> from, Map<String, Object> into) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            Object value = e.getValue();
            if ("files".equals(e.getKey()) && prefix.isEmpty()) {
                continue;
            }
            if (value instanceof Map<?, ?> nested) {
                flatten(key, (Map<String, Object>) nested, into);
            } else if (value instanceof Number || value instanceof String || value instanceof Boolean) {
                into.put(key, value);
            } else if (value instanceof List<?> list) {
                into.put(key, String.join(" ", list.stream().map(String::valueOf).toList()));
            }
        }
    }
}
