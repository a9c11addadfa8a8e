package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;
import java.util.List;

/**
 * Turns an entity's stream of window verdicts into one incident at a time: OPEN once k of the last
 * n windows were above the threshold, UPDATE when the severity rises (or every
 * {@code updateEvery} windows), CLOSED after m consecutive windows below it.
 *
 * <p>Pure and thread-safe: {@link #onWindow} reads a state and returns the next one, so the
 * detector can store the state after each window and a restart (or a replay) continues exactly as
 * an uninterrupted run would. The caller keeps one state per entity.
 *
 * <p>An incident starts at the first above-threshold window after the last stretch of n quiet
 * windows, not at the window that met the k-of-n rule, so that its first bounds, peak and
 * explanation include the crossings that led up to it.
 */
public final class IncidentTracker {
    private final IncidentConfig config;
    private final long recentMask;

    public IncidentTracker(IncidentConfig config) {
        if (config == null) {
            throw new LatentwatchException("incident config must be given, got null; IncidentConfig.DEFAULT is "
                    + IncidentConfig.DEFAULT);
        }
        this.config = config;
        this.recentMask = config.n() == Long.SIZE ? -1L : (1L << config.n()) - 1;
    }

    public IncidentConfig config() {
        return config;
    }

    /**
     * Takes in one window of the state's entity.
     *
     * @param state the entity's state, {@link IncidentState#EMPTY} for a new entity
     * @param verdict the window; one that does not end after the last window taken in is a
     *     redelivery, and leaves the state and events unchanged
     */
    public Transition onWindow(IncidentState state, WindowVerdict verdict) {
        if (state == null || verdict == null) {
            throw new LatentwatchException("onWindow needs a state and a verdict, got " + state + " and " + verdict);
        }
        if (verdict.windowEnd() <= state.lastWindowEnd()) {
            return new Transition(state, List.of());
        }
        boolean above = verdict.above();
        long recent = (state.recentAbove() << 1) | (above ? 1 : 0);
        int below = above ? 0 : Episode.saturatedIncrement(state.consecutiveBelow());
        Episode episode = above
                ? (state.episode() == null ? Episode.of(verdict) : state.episode().plus(verdict))
                : state.episode();
        return state.isOpen()
                ? whileOpen(state, verdict, recent, below, episode)
                : whileQuiet(verdict, recent, below, episode);
    }

    private Transition whileQuiet(WindowVerdict v, long recent, int below, Episode episode) {
        int aboveInLastN = Long.bitCount(recent & recentMask);
        if (v.above() && aboveInLastN >= config.k()) {
            Severity severity = config.bands().of(episode.peakRatio());
            IncidentState next = new IncidentState(recent, below, v.windowEnd(), episode, severity, 1);
            return new Transition(next, List.of(event(Status.OPEN, v, episode, severity, 1)));
        }
        // n quiet windows end the run: a later crossing starts a new episode with a new first window.
        Episode kept = aboveInLastN == 0 ? null : episode;
        return new Transition(new IncidentState(recent, below, v.windowEnd(), kept, null, 0), List.of());
    }

    private Transition whileOpen(IncidentState state, WindowVerdict v, long recent, int below, Episode episode) {
        int windowsOpen = Episode.saturatedIncrement(state.windowsOpen());
        if (below >= config.m()) {
            IncidentEvent closed = event(Status.CLOSED, v, episode, state.severity(), windowsOpen);
            return new Transition(new IncidentState(0, below, v.windowEnd(), null, null, 0), List.of(closed));
        }
        // max: bands changed across a restart must not lower a severity already reported.
        Severity severity = state.severity().max(config.bands().of(episode.peakRatio()));
        IncidentState next = new IncidentState(recent, below, v.windowEnd(), episode, severity, windowsOpen);
        boolean escalated = severity.compareTo(state.severity()) > 0;
        boolean due = config.updateEvery() > 0 && (windowsOpen - 1) % config.updateEvery() == 0;
        if (escalated || due) {
            return new Transition(next, List.of(event(Status.UPDATE, v, episode, severity, windowsOpen)));
        }
        return new Transition(next, List.of());
    }

    private static IncidentEvent event(Status status, WindowVerdict v, Episode e, Severity severity, int windowsOpen) {
        return new IncidentEvent(status, IncidentEvent.incidentId(v.entity(), e.firstEnd()), v.entity(),
                e.firstStart(), e.firstEnd(), e.lastStart(), e.lastEnd(), v.windowStart(), v.windowEnd(), v.score(),
                v.threshold(), e.peakScore(), e.peakRatio(), severity, e.topChannels(), e.windowsAbove(),
                windowsOpen);
    }
}
