package io.latentwatch.sim;

import java.time.Instant;

/**
 * Ground truth for one injected anomaly: which entity and channel, and the event-time stretch
 * {@code [startTime, endTime)} whose readings deviate from the normal plant.
 *
 * @param entityId the affected entity, e.g. {@code pump-03}
 * @param kind what was injected
 * @param startTime timestamp of the first affected reading (inclusive)
 * @param endTime timestamp of the first reading after the anomaly (exclusive)
 * @param channel the one affected channel's name, e.g. {@code flow}
 */
public record InjectedAnomaly(String entityId, AnomalyKind kind, Instant startTime, Instant endTime,
        String channel) {

    /** Whether a reading of this entity at {@code timestamp} lies inside the anomaly. */
    public boolean covers(String entity, Instant timestamp) {
        return entityId.equals(entity) && !timestamp.isBefore(startTime) && timestamp.isBefore(endTime);
    }
}
