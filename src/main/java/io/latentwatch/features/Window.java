package io.latentwatch.features;

/**
 * One complete window of an entity's readings, ready to score.
 *
 * @param times event time of each step, oldest first
 * @param features the normalised, time-major feature vector ({@link FeatureSpec})
 */
public record Window(long[] times, float[] features) {

    /** Event time of the oldest reading in the window. */
    public long start() {
        return times[0];
    }

    /** Event time of the newest reading in the window. */
    public long end() {
        return times[times.length - 1];
    }
}
