package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;

/**
 * What the detector knows about one scored window of one entity: the input of
 * {@link IncidentTracker#onWindow}. The window is above its threshold when {@code score > threshold},
 * the same test the per-window alerts use.
 *
 * @param entity the entity (the record key), not blank
 * @param windowStart event time of the window's first reading, epoch millis
 * @param windowEnd event time of the window's last reading, ≥ windowStart; incident ids use it
 * @param score the window's anomaly score, finite
 * @param threshold the entity's threshold for this window, finite and > 0
 * @param channelError per-channel reconstruction error, in model channel order; 1 to
 *     {@link #MAX_CHANNELS} finite values ≥ 0. Copied in and out, so a verdict is immutable.
 */
public record WindowVerdict(String entity, long windowStart, long windowEnd, double score, double threshold,
                            float[] channelError) {

    /** Most channels a verdict may carry; bounds the persisted incident state (8 bytes a channel). */
    public static final int MAX_CHANNELS = 4096;

    public WindowVerdict {
        if (entity == null || entity.isBlank()) {
            throw new LatentwatchException("entity must not be blank, got "
                    + (entity == null ? "null" : "'" + entity + "'"));
        }
        if (windowEnd < windowStart) {
            throw new LatentwatchException("windowEnd must be ≥ windowStart=" + windowStart + ", got " + windowEnd
                    + " (entity " + entity + ")");
        }
        if (!Double.isFinite(score)) {
            throw new LatentwatchException("score must be finite, got " + score + " (entity " + entity + ")");
        }
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new LatentwatchException("threshold must be finite and > 0, got " + threshold + " (entity "
                    + entity + ")");
        }
        if (!Double.isFinite(score / threshold)) {
            // A subnormal threshold could turn a finite score into an infinite ratio and peak.
            throw new LatentwatchException("score/threshold must be finite, got " + score + "/" + threshold
                    + " (entity " + entity + ")");
        }
        if (channelError == null || channelError.length < 1 || channelError.length > MAX_CHANNELS) {
            throw new LatentwatchException("channelError must have [1, " + MAX_CHANNELS + "] values, got "
                    + (channelError == null ? "null" : channelError.length) + " (entity " + entity + ")");
        }
        channelError = channelError.clone();
        for (int c = 0; c < channelError.length; c++) {
            if (!(channelError[c] >= 0) || Float.isInfinite(channelError[c])) {
                throw new LatentwatchException("channelError[" + c + "] must be finite and ≥ 0, got "
                        + channelError[c] + " (entity " + entity + ")");
            }
        }
    }

    /** Whether this window exceeded its threshold. */
    public boolean above() {
        return score > threshold;
    }

    /** How many times its threshold this window's score is. */
    public double ratio() {
        return score / threshold;
    }

    /** Number of channels, without copying the errors. */
    int channels() {
        return channelError.length;
    }

    /** One channel's error, without copying the array. */
    float errorAt(int channel) {
        return channelError[channel];
    }

    @Override
    public float[] channelError() {
        return channelError.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowVerdict v && entity.equals(v.entity) && windowStart == v.windowStart
                && windowEnd == v.windowEnd && Double.compare(score, v.score) == 0
                && Double.compare(threshold, v.threshold) == 0 && Arrays.equals(channelError, v.channelError);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(channelError) + entity.hashCode() + Long.hashCode(windowEnd);
    }

    @Override
    public String toString() {
        return "WindowVerdict[" + entity + " " + windowStart + ".." + windowEnd + " score=" + score + " threshold="
                + threshold + " channels=" + channelError.length + "]";
    }
}
