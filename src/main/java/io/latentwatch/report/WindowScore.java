package io.latentwatch.report;

/**
 * One scored window: its end (the time the score is drawn at), score and the threshold it was
 * compared with (NaN when there was none, e.g. for a detector without an adaptive threshold).
 */
public record WindowScore(long time, double score, double threshold) {
    public boolean above() {
        return score > threshold;
    }
}
