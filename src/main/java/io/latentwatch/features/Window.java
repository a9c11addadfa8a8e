package io.latentwatch.features;

/**
 * One complete window of an entity's readings, ready to score.
 *
 * @param start event time of the oldest reading in the window
 * @param end event time of the newest reading in the window
 * @param features the normalised, time-major feature vector ({@link FeatureSpec})
 */
public record Window(long start, long end, float[] features) {
}
