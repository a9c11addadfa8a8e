package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The last {@code window} readings of one entity (and with seasonal differences the {@code lag}
 * readings before them: {@link FeatureSpec#history()} in all), as kept in the detector's state store
 * and as replayed by the trainer. Every {@code hop} readings (once the buffer is full) it yields a
 * {@link Window}. Missing values and silences follow a {@link GapPolicy}; what it filled in,
 * skipped or reset is counted.
 *
 * <p>Not thread-safe; one buffer belongs to one entity. {@link #toBytes()} and
 * {@link #fromBytes} persist it as a versioned record.
 */
public final class WindowBuffer {
    private static final byte FORMAT_VERSION = 3;
    /** Format 2 had no seasonal lag; it is read as lag 0. */
    private static final byte FORMAT_VERSION_WITHOUT_LAG = 2;

    private final int channels;
    private final int window;
    private final int hop;
    private final int lag;
    private final int capacity;
    private final GapPolicy policy;
    private final double[] mean;
    private final long[] times;
    private final double[] values;
    private final boolean[] filled;
    private final double[] last;
    private final int[] missingRun;
    private int size;
    private int head;
    private int sinceEmit;
    private long imputed;
    private long skippedWindows;
    private long gapResets;

    public WindowBuffer(FeatureSpec spec) {
        this(spec, GapPolicy.defaults());
    }

    public WindowBuffer(FeatureSpec spec, GapPolicy policy) {
        this.channels = spec.channelCount();
        this.window = spec.window();
        this.hop = spec.hop();
        this.lag = spec.seasonalLag();
        this.capacity = spec.history();
        this.policy = policy;
        this.mean = spec.mean();
        this.times = new long[capacity];
        this.values = new double[capacity * channels];
        this.filled = new boolean[capacity];
        this.last = mean.clone();
        this.missingRun = new int[channels];
    }

    /**
     * Appends one reading (one value per channel in spec order, NaN where missing).
     *
     * @return true when a window is complete after this reading; then call {@link #window}
     */
    public boolean add(long timestamp, double[] row) {
        if (row.length != channels) {
            throw new LatentwatchException("reading has " + row.length + " values, expected " + channels);
        }
        if (policy.maxGapMs() > 0 && size > 0 && timestamp - newestTime() > policy.maxGapMs()) {
            gapResets++;
            size = 0;
            sinceEmit = 0;
        }
        int slot = head;
        times[slot] = timestamp;
        boolean anyFilled = false;
        for (int c = 0; c < channels; c++) {
            double x = row[c];
            if (Double.isFinite(x)) {
                last[c] = x;
                missingRun[c] = 0;
            } else {
                missingRun[c]++;
                anyFilled = true;
                imputed++;
                x = policy.mode() == GapPolicy.Mode.CARRY_FORWARD && missingRun[c] <= policy.carryLimit()
                        ? last[c] : mean[c];
            }
            values[slot * channels + c] = x;
        }
        filled[slot] = anyFilled;
        head = (head + 1) % capacity;
        if (size < capacity) {
            size++;
        }
        sinceEmit++;
        if (size == capacity && sinceEmit >= hop) {
            sinceEmit = 0;
            if (policy.mode() == GapPolicy.Mode.SKIP_WINDOW && anyFilledInWindow()) {
                skippedWindows++;
                return false;
            }
            return true;
        }
        return false;
    }

    /** Whether any reading held (the window's, and with seasonal differences those a season before) was filled in. */
    private boolean anyFilledInWindow() {
        for (boolean f : filled) {
            if (f) {
                return true;
            }
        }
        return false;
    }

    private long newestTime() {
        return times[(head + capacity - 1) % capacity];
    }

    /** The current window, oldest reading first, normalised with {@code spec}. */
    public Window window(FeatureSpec spec) {
        if (size < capacity) {
            throw new LatentwatchException("window needs " + capacity + " readings, has " + size);
        }
        int stride = spec.featureChannels();
        SeasonalDifference seasonal = spec.seasonal();
        float[] features = new float[window * stride];
        long[] stamps = new long[window];
        for (int t = 0; t < window; t++) {
            int slot = (head + lag + t) % capacity; // full buffer: the oldest reading is at head
            stamps[t] = times[slot];
            for (int c = 0; c < channels; c++) {
                features[t * stride + c] = spec.normalise(c, values[slot * channels + c]);
            }
            if (seasonal != null) {
                int before = (head + t) % capacity;
                for (int c = 0; c < channels; c++) {
                    features[t * stride + channels + c] = seasonal.normalise(c,
                            values[slot * channels + c] - values[before * channels + c]);
                }
            }
        }
        return new Window(stamps, features);
    }

    /** Values filled in by the gap policy so far. */
    public long imputed() {
        return imputed;
    }

    /** Complete windows not scored because they held filled-in values ({@link GapPolicy.Mode#SKIP_WINDOW}). */
    public long skippedWindows() {
        return skippedWindows;
    }

    /** Times a silence longer than the policy's maximum emptied the buffer. */
    public long gapResets() {
        return gapResets;
    }

    public int size() {
        return size;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 * 7 + 8 * 3 + 8 * capacity + capacity + 8 * values.length
                + 8 * channels + 4 * channels);
        b.put(FORMAT_VERSION).putInt(channels).putInt(window).putInt(hop).putInt(lag).putInt(size).putInt(head)
                .putInt(sinceEmit).putLong(imputed).putLong(skippedWindows).putLong(gapResets);
        for (long t : times) {
            b.putLong(t);
        }
        for (boolean f : filled) {
            b.put((byte) (f ? 1 : 0));
        }
        for (double v : values) {
            b.putDouble(v);
        }
        for (double v : last) {
            b.putDouble(v);
        }
        for (int r : missingRun) {
            b.putInt(r);
        }
        return b.array();
    }

    /** Restores a buffer saved by {@link #toBytes()}; fails if it was saved for another shape. */
    public static WindowBuffer fromBytes(byte[] bytes, FeatureSpec spec, GapPolicy policy) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte version = b.get();
            if (version != FORMAT_VERSION && version != FORMAT_VERSION_WITHOUT_LAG) {
                throw new LatentwatchException("window state has format version " + version + ", expected "
                        + FORMAT_VERSION_WITHOUT_LAG + " or " + FORMAT_VERSION);
            }
            int channels = b.getInt();
            int window = b.getInt();
            int hop = b.getInt();
            int lag = version == FORMAT_VERSION_WITHOUT_LAG ? 0 : b.getInt();
            if (channels != spec.channelCount() || window != spec.window() || hop != spec.hop()
                    || lag != spec.seasonalLag()) {
                throw new LatentwatchException("window state is for " + channels + " channels, window " + window
                        + ", hop " + hop + ", seasonal lag " + lag + "; the model expects " + spec.channelCount()
                        + ", " + spec.window() + ", " + spec.hop() + ", " + spec.seasonalLag());
            }
            WindowBuffer w = new WindowBuffer(spec, policy);
            int capacity = w.capacity;
            w.size = b.getInt();
            w.head = b.getInt();
            w.sinceEmit = b.getInt();
            w.imputed = b.getLong();
            w.skippedWindows = b.getLong();
            w.gapResets = b.getLong();
            for (int i = 0; i < capacity; i++) {
                w.times[i] = b.getLong();
            }
            for (int i = 0; i < capacity; i++) {
                w.filled[i] = b.get() != 0;
            }
            for (int i = 0; i < w.values.length; i++) {
                w.values[i] = b.getDouble();
            }
            for (int i = 0; i < channels; i++) {
                w.last[i] = b.getDouble();
            }
            for (int i = 0; i < channels; i++) {
                w.missingRun[i] = b.getInt();
            }
            if (w.size < 0 || w.size > capacity || w.head < 0 || w.head >= capacity || w.sinceEmit < 0) {
                throw new LatentwatchException("window state is corrupt: size " + w.size + ", head " + w.head);
            }
            return w;
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException("window state is truncated (" + bytes.length + " bytes)", e);
        }
    }
}
