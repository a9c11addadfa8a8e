package io.latentwatch.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentwatch.alert.Episode;
import io.latentwatch.alert.IncidentEvent;
import io.latentwatch.alert.IncidentState;
import io.latentwatch.alert.IncidentStateCodec;
import io.latentwatch.threshold.ThresholdConfig;
import io.latentwatch.threshold.Thresholds;
import java.time.Instant;

/**
 * What the detector holds for one entity, as {@code GET /entities/{id}} shows it: its current
 * adaptive threshold, its open incident if any, and the end of the latest window it took in.
 *
 * @param threshold the current threshold; null when the entity has no threshold state yet
 * @param incident the open incident; null when none is open
 * @param lastWindowEnd end of the latest window taken in; null before the first
 */
public record EntityView(String entity, Double threshold, OpenIncident incident, Instant lastWindowEnd) {

    /**
     * An open incident.
     *
     * @param since start of its first above-threshold window
     * @param peakRatio highest score / threshold of its windows
     */
    public record OpenIncident(String id, String severity, Instant since, double peakScore, double peakRatio,
                               int windowsAbove, int windowsOpen) {
    }

    /**
     * Decodes the entity's store values.
     *
     * @param thresholdBytes the {@code entity-thresholds} value, or null
     * @param incidentBytes the {@code entity-incidents} value, or null
     */
    public static EntityView of(String entity, ThresholdConfig config, byte[] thresholdBytes, byte[] incidentBytes) {
        Double threshold = thresholdBytes == null ? null : Thresholds.restore(config, thresholdBytes).current();
        IncidentState state = incidentBytes == null ? IncidentState.EMPTY : IncidentStateCodec.decode(incidentBytes);
        OpenIncident incident = null;
        if (state.isOpen()) {
            Episode e = state.episode();
            incident = new OpenIncident(IncidentEvent.incidentId(entity, e.firstEnd()), state.severity().name(),
                    Instant.ofEpochMilli(e.firstStart()), e.peakScore(), e.peakRatio(), e.windowsAbove(),
                    state.windowsOpen());
        }
        Instant last = state.lastWindowEnd() == Long.MIN_VALUE ? null : Instant.ofEpochMilli(state.lastWindowEnd());
        return new EntityView(entity, threshold, incident, last);
    }

    public String toJson() {
        ObjectNode n = Json.object().put("entity", entity);
        n.put("threshold", threshold);
        if (incident == null) {
            n.putNull("incident");
        } else {
            n.putObject("incident").put("id", incident.id()).put("severity", incident.severity())
                    .put("since", incident.since().toString()).put("peakScore", incident.peakScore())
                    .put("peakRatio", incident.peakRatio()).put("windowsAbove", incident.windowsAbove())
                    .put("windowsOpen", incident.windowsOpen());
        }
        n.put("lastWindowEnd", lastWindowEnd == null ? null : lastWindowEnd.toString());
        return n.toString();
    }
}
