package io.latentwatch.alert;

/** What an {@link IncidentEvent} reports about its incident; the detector maps it to the Avro enum. */
public enum Status {
    /** The k-of-n rule was met and a new incident began. */
    OPEN,
    /** The incident is still open and its severity rose, or a periodic update fell due. */
    UPDATE,
    /** m consecutive windows were below the threshold; the event carries the final summary. */
    CLOSED
}
