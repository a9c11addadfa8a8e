package io.latentwatch.replay;

import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.alert.Severity;
import io.latentwatch.report.Incident;
import io.latentwatch.report.Signal;
import io.latentwatch.report.Track;
import io.latentwatch.report.WindowScore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Collects what one entity's replay shows in the report: its readings (model channels, in the order
 * they were placed), every window's score and threshold, and its incidents rebuilt from the alerts.
 * Readings are kept as floats in growable arrays, 4 bytes per value.
 */
final class TrackRecorder {
    private final String entity;
    private final List<String> channels;
    private long[] times = new long[256];
    private float[][] values;
    private int rows;
    private final List<WindowScore> scores = new ArrayList<>();
    private final List<Incident> incidents = new ArrayList<>();
    private long openStart;
    private long openEnd;
    private Severity openSeverity;

    TrackRecorder(String entity, List<String> channels) {
        this.entity = entity;
        this.channels = List.copyOf(channels);
        this.values = new float[channels.size()][256];
    }

    void reading(long time, Map<String, Double> readings) {
        if (rows == times.length) {
            times = Arrays.copyOf(times, rows * 2);
            for (int c = 0; c < values.length; c++) {
                values[c] = Arrays.copyOf(values[c], rows * 2);
            }
        }
        times[rows] = time;
        for (int c = 0; c < values.length; c++) {
            Double v = readings.get(channels.get(c));
            values[c][rows] = v == null ? Float.NaN : v.floatValue();
        }
        rows++;
    }

    void score(long windowEnd, double score, double threshold) {
        scores.add(new WindowScore(windowEnd, score, threshold));
    }

    void alert(AnomalyAlert a) {
        Severity severity = Severity.valueOf(a.getSeverity().name());
        long start = a.getWindowStart().toEpochMilli();
        long end = a.getWindowEnd().toEpochMilli();
        if (a.getStatus() == AlertStatus.OPEN || openSeverity == null) {
            openStart = start;
            openEnd = end;
            openSeverity = severity;
        } else {
            openEnd = Math.max(openEnd, end);
            openSeverity = severity.compareTo(openSeverity) > 0 ? severity : openSeverity;
        }
        if (a.getStatus() == AlertStatus.CLOSED) {
            // A CLOSED alert spans the incident: its first window's start to its last anomalous window's end.
            incidents.add(new Incident(Math.min(openStart, start), Math.max(openEnd, end), openSeverity, true));
            openSeverity = null;
        }
    }

    /** The track; an incident still open is drawn up to the entity's last scored window. */
    Track track() {
        List<Incident> all = new ArrayList<>(incidents);
        if (openSeverity != null) {
            long lastWindow = scores.isEmpty() ? openEnd : scores.get(scores.size() - 1).time();
            all.add(new Incident(openStart, Math.max(openEnd, lastWindow), openSeverity, false));
        }
        return new Track(entity, signal(), scores, all, List.of());
    }

    /** The readings sorted by event time (stable), as the chart needs; the detector reorders within its grace too. */
    private Signal signal() {
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(times[x], times[y]));
        long[] t = new long[rows];
        double[][] v = new double[values.length][rows];
        for (int i = 0; i < rows; i++) {
            t[i] = times[order[i]];
            for (int c = 0; c < values.length; c++) {
                v[c][i] = values[c][order[i]];
            }
        }
        return new Signal(channels, t, v);
    }
}
