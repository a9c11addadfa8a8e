package io.latentwatch.replay;

import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.Severity;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.report.ReportInput;
import io.latentwatch.report.Track;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a finished replay into the report's input: the summary figures and one track per entity. */
final class ReplaySummary {
    private ReplaySummary() {
    }

    static ReportInput report(ReplayRequest request, DetectorModel model, Replay.Run run, DetectorStats stats,
                              Duration elapsed) {
        List<Track> tracks = new ArrayList<>();
        run.tracks.values().forEach(t -> tracks.add(t.track()));
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("topic", request.topic());
        s.put("range", request.range().toString());
        s.put("model", model.name() + " " + model.version());
        if (run.read > 0) {
            s.put("first record time", Instant.ofEpochMilli(run.firstTimestamp).toString());
            s.put("last record time", Instant.ofEpochMilli(run.maxTimestamp).toString());
        }
        s.put("records read", run.read);
        s.put("records skipped", stats.skipped());
        s.put("readings late", stats.late());
        s.put("entities", tracks.size());
        s.put("windows scored", stats.windowsScored());
        s.put("windows above threshold", tracks.stream().mapToLong(Track::windowsAbove).sum());
        s.put("windows skipped by gap policy", stats.skippedWindows());
        s.put("values imputed", stats.imputed());
        s.put("incidents", stats.incidents());
        s.put("alerts", run.alerts.size());
        for (AlertStatus status : AlertStatus.values()) {
            s.put("alerts " + status, run.alerts.stream().filter(a -> a.getStatus() == status).count());
        }
        for (Severity severity : Severity.values()) {
            s.put("alerts " + severity, count(run.alerts, severity));
        }
        s.put("alerts topic", request.alertsTopic() == null ? "none (not published)" : request.alertsTopic());
        s.put("elapsed seconds", elapsed.toMillis() / 1000.0);
        s.put("records per second", elapsed.isZero() ? 0.0 : Math.rint(run.read / (elapsed.toNanos() / 1e9)));
        return new ReportInput("Replay of " + request.topic() + " with " + model.name(), s, tracks);
    }

    private static long count(List<AnomalyAlert> alerts, Severity severity) {
        return alerts.stream().filter(a -> a.getSeverity() == severity).count();
    }
}
