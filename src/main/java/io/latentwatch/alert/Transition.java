package io.latentwatch.alert;

import java.util.List;

/**
 * The result of feeding one window to {@link IncidentTracker}: the state to store and the events to
 * publish, in order (at most one per window today).
 *
 * @param state the entity's state after the window
 * @param events what to publish; empty when nothing changed that a consumer needs to know
 */
public record Transition(IncidentState state, List<IncidentEvent> events) {

    public Transition {
        events = List.copyOf(events);
    }
}
