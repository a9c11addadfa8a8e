package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;

/**
 * Everything {@link IncidentTracker} remembers about one entity between windows, kept in the
 * detector's state store through {@link IncidentStateCodec} (format version
 * {@link IncidentStateCodec#VERSION}). Immutable; the tracker returns a new state for each window.
 *
 * <p>The state does not hold the entity (it is the store key) nor the config, so a restart with
 * other k, n or m carries on from the same history: 64 windows of above/below bits are kept whatever
 * {@code n} is.
 *
 * @param recentAbove above/below bits of the latest 64 windows, the latest in bit 0; cleared when an
 *     incident closes, so that the next one needs k fresh crossings
 * @param consecutiveBelow below-threshold windows since the last above one, ≥ 0 (saturates)
 * @param lastWindowEnd end of the latest window taken in; windows that do not end later are
 *     redeliveries and are ignored. {@link Long#MIN_VALUE} before the first window.
 * @param episode the run of above-threshold windows being built or the open incident; null when
 *     the last n windows were all below and no incident is open
 * @param severity the severity last reported for the open incident; null when none is open
 * @param windowsOpen windows taken in since the incident opened, the opening one included; 0 when
 *     none is open
 */
public record IncidentState(long recentAbove, int consecutiveBelow, long lastWindowEnd, Episode episode,
                            Severity severity, int windowsOpen) {

    /** The state of an entity never seen. */
    public static final IncidentState EMPTY = new IncidentState(0, 0, Long.MIN_VALUE, null, null, 0);

    public IncidentState {
        if (consecutiveBelow < 0) {
            throw new LatentwatchException("consecutiveBelow must be ≥ 0, got " + consecutiveBelow);
        }
        if (severity != null && episode == null) {
            throw new LatentwatchException("an open incident (severity " + severity + ") needs its episode, got null");
        }
        if (severity != null ? windowsOpen < 1 : windowsOpen != 0) {
            throw new LatentwatchException("windowsOpen must be " + (severity != null ? "≥ 1 while" : "0 unless")
                    + " an incident is open, got " + windowsOpen);
        }
    }

    /** Whether an incident is open. */
    public boolean isOpen() {
        return severity != null;
    }
}
