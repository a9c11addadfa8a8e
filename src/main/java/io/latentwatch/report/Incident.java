package io.latentwatch.report;

import io.latentwatch.LatentwatchException;
import io.latentwatch.alert.Severity;

/**
 * An incident as the report shades it: from its first window's start to its last anomalous
 * window's end, at its highest severity.
 *
 * @param closed false when the data ended while the incident was still open
 */
public record Incident(long start, long end, Severity severity, boolean closed) {
    public Incident {
        if (end < start) {
            throw new LatentwatchException("an incident must not end (" + end + ") before it starts (" + start + ")");
        }
        if (severity == null) {
            throw new LatentwatchException("an incident needs a severity, one of LOW, MEDIUM, HIGH, CRITICAL");
        }
    }
}
