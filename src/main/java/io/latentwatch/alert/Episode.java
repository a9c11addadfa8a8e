package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What an entity's current run of above-threshold windows adds up to: the incident being built
 * before the k-of-n rule opens it, and the open incident afterwards. Immutable; {@link #plus} returns
 * a new episode.
 *
 * <p>Channel errors are summed unnormalised over the above-threshold windows, so that the windows
 * that went furthest above the threshold weigh most in the explanation.
 *
 * @param firstStart start of the episode's first above-threshold window
 * @param firstEnd end of that window; the incident id is {@code entity + "-" + firstEnd}
 * @param lastStart start of the latest above-threshold window
 * @param lastEnd end of the latest above-threshold window, ≥ firstEnd
 * @param peakScore highest score of its windows
 * @param peakRatio highest score/threshold of its windows, > 1 (thresholds may differ per window, so
 *     this need not be peakScore over one threshold)
 * @param windowsAbove how many above-threshold windows it holds, ≥ 1
 * @param channelErrorSums per-channel error summed over those windows; copied in and out
 */
public record Episode(long firstStart, long firstEnd, long lastStart, long lastEnd, double peakScore,
                      double peakRatio, int windowsAbove, double[] channelErrorSums) {

    /** How many channels an explanation names. */
    public static final int TOP_CHANNELS = 3;

    public Episode {
        if (firstEnd < firstStart || lastEnd < lastStart || lastEnd < firstEnd) {
            throw new LatentwatchException("episode windows must run forward, got first " + firstStart + ".."
                    + firstEnd + " and last " + lastStart + ".." + lastEnd);
        }
        if (!Double.isFinite(peakScore) || !(peakRatio > 1) || !Double.isFinite(peakRatio)) {
            throw new LatentwatchException("episode peak must be a finite score with ratio in (1, inf), got score "
                    + peakScore + " ratio " + peakRatio);
        }
        if (windowsAbove < 1) {
            throw new LatentwatchException("episode windowsAbove must be ≥ 1, got " + windowsAbove);
        }
        if (channelErrorSums == null || channelErrorSums.length < 1
                || channelErrorSums.length > WindowVerdict.MAX_CHANNELS) {
            throw new LatentwatchException("episode channelErrorSums must have [1, " + WindowVerdict.MAX_CHANNELS
                    + "] values, got " + (channelErrorSums == null ? "null" : channelErrorSums.length));
        }
        channelErrorSums = channelErrorSums.clone();
        for (int c = 0; c < channelErrorSums.length; c++) {
            if (!(channelErrorSums[c] >= 0) || Double.isInfinite(channelErrorSums[c])) {
                throw new LatentwatchException("episode channelErrorSums[" + c + "] must be finite and ≥ 0, got "
                        + channelErrorSums[c]);
            }
        }
    }

    /** An episode of one above-threshold window. */
    static Episode of(WindowVerdict v) {
        double[] sums = new double[v.channels()];
        for (int c = 0; c < sums.length; c++) {
            sums[c] = v.errorAt(c);
        }
        return new Episode(v.windowStart(), v.windowEnd(), v.windowStart(), v.windowEnd(), v.score(), v.ratio(), 1,
                sums);
    }

    /**
     * This episode with one more above-threshold window, which must end after the episode's last one
     * (the tracker drops stale windows) and have as many channels.
     */
    Episode plus(WindowVerdict v) {
        if (v.channels() != channelErrorSums.length) {
            throw new LatentwatchException("window " + v.windowEnd() + " of entity " + v.entity() + " has "
                    + v.channels() + " channel errors, but its incident started with " + channelErrorSums.length
                    + "; a model with other channels needs a fresh incident state");
        }
        double[] sums = channelErrorSums.clone();
        for (int c = 0; c < sums.length; c++) {
            sums[c] += v.errorAt(c);
        }
        return new Episode(firstStart, firstEnd, v.windowStart(), v.windowEnd(),
                Math.max(peakScore, v.score()), Math.max(peakRatio, v.ratio()), saturatedIncrement(windowsAbove), sums);
    }

    /** The {@link #TOP_CHANNELS} channels with the largest share of the summed error, largest first. */
    public List<ChannelShare> topChannels() {
        double total = 0;
        for (double s : channelErrorSums) {
            total += s;
        }
        List<ChannelShare> all = new ArrayList<>(channelErrorSums.length);
        for (int c = 0; c < channelErrorSums.length; c++) {
            // All-zero errors explain nothing; equal shares say so without dividing by zero.
            double share = total > 0 ? Math.min(1, channelErrorSums[c] / total) : 1.0 / channelErrorSums.length;
            all.add(new ChannelShare(c, share));
        }
        // Stable sort: equal shares keep channel order, so explanations are deterministic.
        all.sort(Comparator.comparingDouble(ChannelShare::share).reversed());
        return List.copyOf(all.subList(0, Math.min(TOP_CHANNELS, all.size())));
    }

    static int saturatedIncrement(int count) {
        return count == Integer.MAX_VALUE ? count : count + 1;
    }

    @Override
    public double[] channelErrorSums() {
        return channelErrorSums.clone();
    }

    /** Number of channels, without copying the sums. */
    int channels() {
        return channelErrorSums.length;
    }

    /** One channel's summed error, without copying the array. */
    double sumAt(int channel) {
        return channelErrorSums[channel];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Episode e && firstStart == e.firstStart && firstEnd == e.firstEnd
                && lastStart == e.lastStart && lastEnd == e.lastEnd && Double.compare(peakScore, e.peakScore) == 0
                && Double.compare(peakRatio, e.peakRatio) == 0 && windowsAbove == e.windowsAbove
                && Arrays.equals(channelErrorSums, e.channelErrorSums);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(channelErrorSums) + Long.hashCode(firstEnd) + windowsAbove;
    }

    @Override
    public String toString() {
        return "Episode[first " + firstStart + ".." + firstEnd + ", last " + lastStart + ".." + lastEnd + ", peak "
                + peakScore + " (x" + peakRatio + "), above " + windowsAbove + ", channels "
                + Arrays.toString(channelErrorSums) + "]";
    }
}
