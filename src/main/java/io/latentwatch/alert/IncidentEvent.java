package io.latentwatch.alert;

import java.util.List;

/**
 * One change in an entity's incident, for the detector to publish: it opened, escalated (or a
 * periodic update fell due), or closed. Every event carries the incident's summary so far, so a
 * consumer that sees only the CLOSED event still has the whole story.
 *
 * @param status what happened
 * @param incidentId {@code entity + "-" + firstWindowEnd}: the same on every replay of the same windows
 * @param entity the entity
 * @param firstWindowStart start of the incident's first above-threshold window
 * @param firstWindowEnd end of that window
 * @param lastWindowStart start of the incident's latest above-threshold window
 * @param lastWindowEnd end of that window
 * @param windowStart start of the window that caused this event
 * @param windowEnd end of that window; the event's time
 * @param score that window's score
 * @param threshold that window's threshold
 * @param peakScore highest score in the incident
 * @param peakRatio highest score/threshold in the incident
 * @param severity the incident's severity, from its peak ratio; never falls while open
 * @param topChannels up to {@link Episode#TOP_CHANNELS} channels by share of the incident's summed
 *     error, largest first
 * @param windowsAbove above-threshold windows in the incident
 * @param windowsOpen windows since the incident opened, the opening one included
 */
public record IncidentEvent(Status status, String incidentId, String entity, long firstWindowStart,
                            long firstWindowEnd, long lastWindowStart, long lastWindowEnd, long windowStart,
                            long windowEnd, double score, double threshold, double peakScore, double peakRatio,
                            Severity severity, List<ChannelShare> topChannels, int windowsAbove, int windowsOpen) {

    public IncidentEvent {
        topChannels = List.copyOf(topChannels);
    }

    /** The id of {@code entity}'s incident whose first above-threshold window ends at {@code firstWindowEnd}. */
    public static String incidentId(String entity, long firstWindowEnd) {
        return entity + "-" + firstWindowEnd;
    }
}
