package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The last {@code window} readings of one entity, as kept in the detector's state store and as
 * replayed by the trainer. Every {@code hop} readings (once the buffer is full) it yields a
 * {@link Window}.
 *
 * <p>Gap policy: a channel missing from a reading (NaN) takes that channel's last seen value
 * (carry forward); a channel never seen yet takes its training mean. The number of values filled
 * in this way is counted in {@link #imputed()}.
 *
 * <p>Not thread-safe; one buffer belongs to one entity. {@link #toBytes()} and
 * {@link #fromBytes} persist it as a versioned record.
 */
public final class WindowBuffer {
    private static final byte FORMAT_VERSION = 1;

    private final int channels;
    private final int window;
    private final int hop;
    private final long[] times;
    private final double[] values;
    private final double[] last;
    private int size;
    private int head;
    private int sinceEmit;
    private long imputed;

    public WindowBuffer(FeatureSpec spec) {
        this(spec.channelCount(), spec.window(), spec.hop());
        double[] mean = spec.mean();
        System.arraycopy(mean, 0, last, 0, channels);
    }

    private WindowBuffer(int channels, int window, int hop) {
        this.channels = channels;
        this.window = window;
        this.hop = hop;
        this.times = new long[window];
        this.values = new double[window * channels];
        this.last = new double[channels];
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
        int slot = head;
        times[slot] = timestamp;
        for (int c = 0; c < channels; c++) {
            double x = row[c];
            if (Double.isNaN(x)) {
                x = last[c];
                imputed++;
            } else {
                last[c] = x;
            }
            values[slot * channels + c] = x;
        }
        head = (head + 1) % window;
        if (size < window) {
            size++;
        }
        sinceEmit++;
        if (size == window && sinceEmit >= hop) {
            sinceEmit = 0;
            return true;
        }
        return false;
    }

    /** The current window, oldest reading first, normalised with {@code spec}. */
    public Window window(FeatureSpec spec) {
        if (size < window) {
            throw new LatentwatchException("window needs " + window + " readings, has " + size);
        }
        float[] features = new float[window * channels];
        for (int t = 0; t < window; t++) {
            int slot = (head + t) % window;
            for (int c = 0; c < channels; c++) {
                features[t * channels + c] = spec.normalise(c, values[slot * channels + c]);
            }
        }
        return new Window(times[head % window], times[(head + window - 1) % window], features);
    }

    /** Values filled in by the gap policy so far. */
    public long imputed() {
        return imputed;
    }

    public int size() {
        return size;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 * 6 + 8 + 8 * window + 8 * values.length + 8 * channels);
        b.put(FORMAT_VERSION).putInt(channels).putInt(window).putInt(hop).putInt(size).putInt(head)
                .putInt(sinceEmit).putLong(imputed);
        for (long t : times) {
            b.putLong(t);
        }
        for (double v : values) {
            b.putDouble(v);
        }
        for (double v : last) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** Restores a buffer saved by {@link #toBytes()}; fails if it was saved for another shape. */
    public static WindowBuffer fromBytes(byte[] bytes, FeatureSpec spec) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte version = b.get();
            if (version != FORMAT_VERSION) {
                throw new LatentwatchException("window state has format version " + version + ", expected "
                        + FORMAT_VERSION);
            }
            int channels = b.getInt();
            int window = b.getInt();
            int hop = b.getInt();
            if (channels != spec.channelCount() || window != spec.window() || hop != spec.hop()) {
                throw new LatentwatchException("window state is for " + channels + " channels, window " + window
                        + ", hop " + hop + "; the model expects " + spec.channelCount() + ", " + spec.window()
                        + ", " + spec.hop());
            }
            WindowBuffer w = new WindowBuffer(channels, window, hop);
            w.size = b.getInt();
            w.head = b.getInt();
            w.sinceEmit = b.getInt();
            w.imputed = b.getLong();
            for (int i = 0; i < window; i++) {
                w.times[i] = b.getLong();
            }
            for (int i = 0; i < w.values.length; i++) {
                w.values[i] = b.getDouble();
            }
            for (int i = 0; i < channels; i++) {
                w.last[i] = b.getDouble();
            }
            if (w.size < 0 || w.size > window || w.head < 0 || w.head >= window) {
                throw new LatentwatchException("window state is corrupt: size " + w.size + ", head " + w.head);
            }
            return w;
        } catch (java.nio.BufferUnderflowException e) {
            throw new LatentwatchException("window state is truncated (" + bytes.length + " bytes)", e);
        }
    }

    @Override
    public String toString() {
        return "WindowBuffer[size=" + size + "/" + window + ", last=" + Arrays.toString(last) + "]";
    }
}
