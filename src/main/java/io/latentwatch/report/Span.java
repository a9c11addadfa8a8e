package io.latentwatch.report;

import io.latentwatch.LatentwatchException;

/** A labelled interval of event time, e.g. a known anomaly window of a benchmark file. */
public record Span(long start, long end) {
    public Span {
        if (end < start) {
            throw new LatentwatchException("a span must not end (" + end + ") before it starts (" + start + ")");
        }
    }
}
