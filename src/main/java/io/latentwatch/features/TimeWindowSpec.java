package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Event-time windows: readings are first summarised per channel over tumbling or hopping buckets
 * of {@code sizeMs}, starting every {@code advanceMs}; each closed bucket becomes one row of
 * aggregates, and the model's count window runs over those rows.
 *
 * @param sizeMs bucket length in event time
 * @param advanceMs distance between bucket starts; equal to {@code sizeMs} for tumbling buckets, a
 *     divisor of it for hopping ones
 * @param aggregates what each bucket keeps of each channel, in feature order
 */
public record TimeWindowSpec(long sizeMs, long advanceMs, List<Aggregate> aggregates) {

    /** A per-channel summary of one bucket. */
    public enum Aggregate {
        MEAN, STD, MIN, MAX, LAST;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Aggregate parse(String word) {
            for (Aggregate a : values()) {
                if (a.word().equals(word == null ? "" : word.trim().toLowerCase(Locale.ROOT))) {
                    return a;
                }
            }
            throw new LatentwatchException("aggregate '" + word + "' is not known; expected one of "
                    + Arrays.stream(values()).map(Aggregate::word).toList());
        }
    }

    /** At most this many buckets are open at once (size / advance). */
    public static final int MAX_OPEN_BUCKETS = 64;

    public TimeWindowSpec {
        if (sizeMs < 1) {
            throw new LatentwatchException("time window size must be >= 1 ms, got " + sizeMs);
        }
        if (advanceMs < 1 || advanceMs > sizeMs || sizeMs % advanceMs != 0) {
            throw new LatentwatchException("time window advance must divide the size " + sizeMs + " ms, got "
                    + advanceMs + " ms");
        }
        if (sizeMs / advanceMs > MAX_OPEN_BUCKETS) {
            throw new LatentwatchException("time window size / advance must be at most " + MAX_OPEN_BUCKETS + ", got "
                    + sizeMs / advanceMs);
        }
        if (aggregates == null || aggregates.isEmpty() || aggregates.size() != new HashSet<>(aggregates).size()) {
            throw new LatentwatchException("time windows need distinct aggregates, got " + aggregates);
        }
        aggregates = List.copyOf(aggregates);
    }

    /** The feature names of the aggregated rows: {@code channel.aggregate}, channel by channel. */
    public List<String> featureNames(List<String> channels) {
        List<String> names = new ArrayList<>(channels.size() * aggregates.size());
        for (String c : channels) {
            for (Aggregate a : aggregates) {
                names.add(c + "." + a.word());
            }
        }
        return names;
    }
}
