package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Summarises one entity's in-order readings over event-time buckets ({@link TimeWindowSpec}) and
 * emits a row of per-channel aggregates each time a bucket closes, which is when a reading at or
 * past its end arrives. A channel with no finite value in a bucket gets NaN aggregates (the gap
 * policy fills them); a bucket with no reading at all emits nothing. Persisted with
 * {@link #toBytes()} as a versioned record; the detector and the trainer use this same class.
 */
public final class TimeBuckets {
    private static final byte FORMAT_VERSION = 1;
    private static final int FIELDS = 6;

    /** Receives each closed bucket: its end (exclusive) and its aggregate row. */
    @FunctionalInterface
    public interface Sink {
        void accept(long bucketEnd, double[] aggregates);
    }

    private final TimeWindowSpec spec;
    private final int channels;
    /** Open buckets by start time, oldest first: start, then per channel count, sum, sumSq, min, max, last. */
    private final List<long[]> starts = new ArrayList<>();
    private final List<double[]> stats = new ArrayList<>();

    public TimeBuckets(TimeWindowSpec spec, int channels) {
        this.spec = spec;
        this.channels = channels;
    }

    /** Adds a reading (raw channel values, NaN where missing), closing and emitting every bucket it ends. */
    public void add(long timestamp, double[] row, Sink sink) {
        if (row.length != channels) {
            throw new LatentwatchException("reading has " + row.length + " values, expected " + channels);
        }
        while (!starts.isEmpty() && starts.get(0)[0] + spec.sizeMs() <= timestamp) {
            long start = starts.remove(0)[0];
            double[] s = stats.remove(0);
            sink.accept(start + spec.sizeMs(), aggregate(s));
        }
        long newest = Math.floorDiv(timestamp, spec.advanceMs()) * spec.advanceMs();
        long oldest = newest - spec.sizeMs() + spec.advanceMs();
        long from = starts.isEmpty() ? oldest : Math.max(oldest, starts.get(starts.size() - 1)[0] + spec.advanceMs());
        for (long start = from; start <= newest; start += spec.advanceMs()) {
            starts.add(new long[] {start});
            double[] s = new double[channels * FIELDS];
            for (int c = 0; c < channels; c++) {
                s[c * FIELDS + 3] = Double.POSITIVE_INFINITY;
                s[c * FIELDS + 4] = Double.NEGATIVE_INFINITY;
                s[c * FIELDS + 5] = Double.NaN;
            }
            stats.add(s);
        }
        for (int b = 0; b < starts.size(); b++) {
            if (starts.get(b)[0] > timestamp) {
                continue;
            }
            double[] s = stats.get(b);
            for (int c = 0; c < channels; c++) {
                double x = row[c];
                if (!Double.isFinite(x)) {
                    continue;
                }
                int o = c * FIELDS;
                s[o]++;
                s[o + 1] += x;
                s[o + 2] += x * x;
                s[o + 3] = Math.min(s[o + 3], x);
                s[o + 4] = Math.max(s[o + 4], x);
                s[o + 5] = x;
            }
        }
    }

    private double[] aggregate(double[] s) {
        List<TimeWindowSpec.Aggregate> aggregates = spec.aggregates();
        double[] out = new double[channels * aggregates.size()];
        for (int c = 0; c < channels; c++) {
            int o = c * FIELDS;
            double n = s[o];
            double mean = n > 0 ? s[o + 1] / n : Double.NaN;
            for (int a = 0; a < aggregates.size(); a++) {
                out[c * aggregates.size() + a] = n == 0 ? Double.NaN : switch (aggregates.get(a)) {
                    case MEAN -> mean;
                    case STD -> Math.sqrt(Math.max(0, s[o + 2] / n - mean * mean));
                    case MIN -> s[o + 3];
                    case MAX -> s[o + 4];
                    case LAST -> s[o + 5];
                };
            }
        }
        return out;
    }

    /** The buckets of a whole in-order series, as a series of aggregate rows named {@code channel.aggregate}. */
    public static TimeSeries summarise(TimeSeries series, TimeWindowSpec spec) {
        TimeBuckets buckets = new TimeBuckets(spec, series.channels().size());
        List<Long> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < series.rows(); i++) {
            buckets.add(series.timestamps()[i], series.values()[i], (end, row) -> {
                times.add(end - 1);
                rows.add(row);
            });
        }
        long[] ts = times.stream().mapToLong(Long::longValue).toArray();
        return new TimeSeries(ts, spec.featureNames(series.channels()), rows.toArray(new double[0][]), null);
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 4 + starts.size() * (8 + 8 * channels * FIELDS));
        b.put(FORMAT_VERSION).putInt(channels).putInt(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            b.putLong(starts.get(i)[0]);
            for (double v : stats.get(i)) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    public static TimeBuckets fromBytes(ByteBuffer b, TimeWindowSpec spec, int channels) {
        try {
            byte version = b.get();
            if (version != FORMAT_VERSION) {
                throw new LatentwatchException("time bucket state has format version " + version + ", expected "
                        + FORMAT_VERSION);
            }
            int savedChannels = b.getInt();
            int open = b.getInt();
            if (savedChannels != channels || open < 0 || open > TimeWindowSpec.MAX_OPEN_BUCKETS) {
                throw new LatentwatchException("time bucket state is for " + savedChannels + " channels with " + open
                        + " open buckets; expected " + channels + " channels and at most "
                        + TimeWindowSpec.MAX_OPEN_BUCKETS + " buckets");
            }
            TimeBuckets t = new TimeBuckets(spec, channels);
            for (int i = 0; i < open; i++) {
                t.starts.add(new long[] {b.getLong()});
                double[] s = new double[channels * FIELDS];
                for (int j = 0; j < s.length; j++) {
                    s[j] = b.getDouble();
                }
                t.stats.add(s);
            }
            return t;
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException("time bucket state is truncated", e);
        }
    }
}
