package io.latentwatch.detect;

import io.latentwatch.alert.ChannelShare;
import io.latentwatch.alert.IncidentEvent;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.ChannelContribution;
import io.latentwatch.avro.Severity;
import io.latentwatch.model.DetectorModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns incident events into alert records: Avro enums, channel names, a deterministic alert id. */
final class Alerts {
    private Alerts() {
    }

    static AnomalyAlert of(IncidentEvent e, DetectorModel model) {
        List<String> channels = model.spec().channels();
        List<ChannelContribution> top = new ArrayList<>(e.topChannels().size());
        for (ChannelShare s : e.topChannels()) {
            top.add(new ChannelContribution(channels.get(s.channel()), s.share()));
        }
        boolean closed = e.status() == io.latentwatch.alert.Status.CLOSED;
        return AnomalyAlert.newBuilder()
                .setAlertId(e.incidentId() + "/" + e.status() + "@" + e.windowEnd())
                .setEntityId(e.entity())
                .setStatus(AlertStatus.valueOf(e.status().name()))
                .setIncidentId(e.incidentId())
                .setWindowStart(Instant.ofEpochMilli(closed ? e.firstWindowStart() : e.windowStart()))
                .setWindowEnd(Instant.ofEpochMilli(closed ? e.lastWindowEnd() : e.windowEnd()))
                .setScore(e.status() == io.latentwatch.alert.Status.OPEN ? e.score() : e.peakScore())
                .setThreshold(e.threshold())
                .setSeverity(Severity.valueOf(e.severity().name()))
                .setModelName(model.name())
                .setModelVersion(model.version())
                .setTopChannels(top)
                .setDetectedAt(Instant.ofEpochMilli(e.windowEnd()))
                .setWindowsAbove(e.windowsAbove())
                .build();
    }
}
