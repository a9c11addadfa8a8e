package io.latentwatch.report;

import io.latentwatch.LatentwatchException;
import java.util.List;

/**
 * Everything the report draws for one entity or file: the signal, every window's score and
 * threshold, incidents and (for labelled data) the known anomaly windows.
 *
 * @param name entity id or file name; any text, escaped on output
 * @param labels known anomaly windows; empty when the data is unlabelled
 */
public record Track(String name, Signal signal, List<WindowScore> scores, List<Incident> incidents,
                    List<Span> labels) {
    public Track {
        if (name == null) {
            throw new LatentwatchException("a track needs a name");
        }
        signal = signal == null ? Signal.empty() : signal;
        scores = List.copyOf(scores);
        incidents = List.copyOf(incidents);
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** Windows whose score exceeded their threshold. */
    public long windowsAbove() {
        return scores.stream().filter(WindowScore::above).count();
    }

    /** First and last event time drawn: over the signal, the scores, incidents and labels. */
    long[] timeRange() {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        if (signal.size() > 0) {
            lo = signal.times()[0];
            hi = signal.times()[signal.size() - 1];
        }
        for (WindowScore s : scores) {
            lo = Math.min(lo, s.time());
            hi = Math.max(hi, s.time());
        }
        for (Incident i : incidents) {
            lo = Math.min(lo, i.start());
            hi = Math.max(hi, i.end());
        }
        for (Span s : labels) {
            lo = Math.min(lo, s.start());
            hi = Math.max(hi, s.end());
        }
        return lo > hi ? new long[] {0, 1} : new long[] {lo, hi == lo ? lo + 1 : hi};
    }
}
