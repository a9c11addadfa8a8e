package io.latentwatch.replay;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.report.ReportInput;
import java.time.Duration;
import java.util.List;

/**
 * What a replay did.
 *
 * @param alerts every alert the topology raised, in the order it raised them
 * @param stats the topology's own counts (records, skipped, late, windows, incidents, alerts)
 * @param recordsRead records read from the topic, all of which were fed to the topology
 * @param report the report's input: the summary figures and one track per entity
 * @param elapsed wall time of reading and replaying
 */
public record ReplayResult(List<AnomalyAlert> alerts, DetectorStats stats, long recordsRead, ReportInput report,
                           Duration elapsed) {
    public ReplayResult {
        alerts = List.copyOf(alerts);
    }
}
