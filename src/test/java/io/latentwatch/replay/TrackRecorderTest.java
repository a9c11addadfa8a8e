package io.latentwatch.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.Severity;
import io.latentwatch.report.Incident;
import io.latentwatch.report.Track;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrackRecorderTest {
    @Test
    void incidentsAreRebuiltFromAlertsAtTheirHighestSeverityAndAnOpenOneRunsToTheLastWindow() {
        TrackRecorder r = new TrackRecorder("pump-a", List.of("load", "flow"));
        r.alert(alert(AlertStatus.OPEN, 100, 160, Severity.LOW));
        r.alert(alert(AlertStatus.UPDATE, 120, 180, Severity.HIGH));
        r.alert(alert(AlertStatus.CLOSED, 100, 180, Severity.HIGH));
        r.alert(alert(AlertStatus.OPEN, 500, 560, Severity.MEDIUM));
        r.score(560, 3.0, 1.0);
        r.score(600, 0.5, 1.0);
        Track t = r.track();
        assertEquals(List.of(new Incident(100, 180, io.latentwatch.alert.Severity.HIGH, true),
                new Incident(500, 600, io.latentwatch.alert.Severity.MEDIUM, false)), t.incidents());
        assertEquals(1, t.windowsAbove());
    }

    @Test
    void readingsAreChartedInEventTimeWithMissingChannelsAsNaN() {
        TrackRecorder r = new TrackRecorder("pump-a", List.of("load", "flow"));
        for (int i = 0; i < 1000; i++) {
            r.reading(i % 2 == 0 ? i : i - 2L, i == 7 ? Map.of("load", 1.0) : Map.of("load", 1.0, "flow", 2.0));
        }
        Track t = r.track();
        assertEquals(1000, t.signal().size());
        long[] times = t.signal().times();
        for (int i = 1; i < times.length; i++) {
            assertTrue(times[i] >= times[i - 1]);
        }
        assertEquals(1, java.util.Arrays.stream(t.signal().values()[1]).filter(Double::isNaN).count());
        assertArrayEquals(new double[] {1.0, 1.0}, java.util.Arrays.copyOf(t.signal().values()[0], 2));
    }

    private static AnomalyAlert alert(AlertStatus status, long start, long end, Severity severity) {
        return AnomalyAlert.newBuilder().setAlertId("i/" + status + "@" + end).setEntityId("pump-a").setStatus(status)
                .setIncidentId("i").setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(end))
                .setScore(2).setThreshold(1).setSeverity(severity).setModelName("m").setModelVersion("v")
                .setTopChannels(List.of()).setDetectedAt(Instant.ofEpochMilli(end)).setWindowsAbove(1).build();
    }
}
