package io.latentwatch.threshold;

import io.latentwatch.LatentwatchException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * Writes and reads {@link ThresholdState} as the bytes the detector keeps per entity in its state store.
 *
 * <p>Layout (big-endian): version byte ({@link #VERSION}), kind byte (SPOT 1, DSPOT 2, EWMA 3,
 * QUANTILE 4), the floor (double), the kind's fields, then a CRC-32 of everything before it. A tail is
 * t, n (long), peakCount (long), γ, σ, a peak count (int) and the peaks; DSPOT adds its recent scores
 * and QUANTILE is only its recent scores, each as an int count and doubles; EWMA is mean and variance.
 * The checksum turns a corrupted store value into a clear error rather than a plausible wrong threshold.
 *
 * <p>Sizes with the default configuration (1,000 peaks, depth 50, window 1,000): SPOT at most
 * {@value #SPOT_DEFAULT_MAX_BYTES} bytes, DSPOT {@value #DSPOT_DEFAULT_MAX_BYTES}, EWMA
 * {@value #EWMA_BYTES}, QUANTILE {@value #QUANTILE_DEFAULT_MAX_BYTES}; {@link #maxBytes} gives them
 * for any configuration.
 */
public final class ThresholdStateCodec {
    public static final byte VERSION = 1;
    public static final int SPOT_DEFAULT_MAX_BYTES = 8_058;
    public static final int DSPOT_DEFAULT_MAX_BYTES = 8_462;
    public static final int EWMA_BYTES = 30;
    public static final int QUANTILE_DEFAULT_MAX_BYTES = 8_018;

    /** Version, kind, floor and checksum. */
    private static final int FRAME = 1 + 1 + 8 + 4;
    /** t, n, peakCount, γ, σ and the peak count, before the peaks. */
    private static final int TAIL_FIXED = 8 * 5 + 4;

    private ThresholdStateCodec() {
    }

    /** The largest state, in bytes, that a threshold with this configuration can have. */
    public static int maxBytes(ThresholdConfig config) {
        int tail = TAIL_FIXED + 8 * config.maxPeaks();
        return switch (config.kind()) {
            case SPOT -> FRAME + tail;
            case DSPOT -> FRAME + tail + 4 + 8 * config.depth();
            case EWMA -> EWMA_BYTES;
            case QUANTILE -> FRAME + 4 + 8 * config.window();
        };
    }

    public static byte[] toBytes(ThresholdState state) {
        int size = FRAME + bodyBytes(state);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(VERSION).put((byte) state.kind().code()).putDouble(state.floor());
        if (state instanceof SpotState s) {
            putTail(out, s.tail());
        } else if (state instanceof DspotState s) {
            putTail(out, s.tail());
            putArray(out, s.recent());
        } else if (state instanceof EwmaState s) {
            out.putDouble(s.mean()).putDouble(s.variance());
        } else {
            putArray(out, ((QuantileState) state).recent());
        }
        out.putInt(crc(out.array(), size - 4));
        return out.array();
    }

    private static int bodyBytes(ThresholdState state) {
        if (state instanceof SpotState s) {
            return tailBytes(s.tail());
        } else if (state instanceof DspotState s) {
            return tailBytes(s.tail()) + 4 + 8 * s.recent().length;
        } else if (state instanceof EwmaState) {
            return 16;
        }
        return 4 + 8 * ((QuantileState) state).recent().length;
    }

    /**
     * Reads what {@link #toBytes} wrote.
     *
     * @throws LatentwatchException naming the problem: too short, bad checksum, unknown version or kind,
     *     a count that does not fit the bytes, a value out of range, or bytes left over
     */
    public static ThresholdState fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < FRAME) {
            throw new LatentwatchException("threshold state is truncated: " + (bytes == null ? "no" : bytes.length)
                    + " bytes, expected at least " + FRAME);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (stored != crc(bytes, bytes.length - 4)) {
            throw new LatentwatchException("threshold state is corrupt: checksum mismatch over " + bytes.length
                    + " bytes");
        }
        byte version = in.get();
        if (version != VERSION) {
            throw new LatentwatchException("threshold state has version " + version + ", this build reads version "
                    + VERSION);
        }
        int code = in.get();
        ThresholdKind kind = ThresholdKind.ofCode(code);
        if (kind == null) {
            throw new LatentwatchException("threshold state has unknown kind code " + code + ", expected 1 to 4");
        }
        try {
            double floor = in.getDouble();
            ThresholdState state = switch (kind) {
                case SPOT -> new SpotState(floor, getTail(in));
                case DSPOT -> new DspotState(floor, getTail(in), getArray(in, DspotState.MAX_RECENT));
                case EWMA -> new EwmaState(floor, in.getDouble(), in.getDouble());
                case QUANTILE -> new QuantileState(floor, getArray(in, QuantileState.MAX_RECENT));
            };
            if (in.hasRemaining()) {
                throw new LatentwatchException(kind + " threshold state has " + in.remaining()
                        + " unexpected bytes after its fields");
            }
            return state;
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException(kind + " threshold state is truncated: " + bytes.length
                    + " bytes end inside its fields", e);
        }
    }

    private static int tailBytes(TailState tail) {
        return TAIL_FIXED + 8 * tail.peaks().length;
    }

    private static void putTail(ByteBuffer out, TailState tail) {
        out.putDouble(tail.t()).putLong(tail.n()).putLong(tail.peakCount()).putDouble(tail.gamma())
                .putDouble(tail.sigma());
        putArray(out, tail.peaks());
    }

    private static TailState getTail(ByteBuffer in) {
        return new TailState(in.getDouble(), in.getLong(), in.getLong(), in.getDouble(), in.getDouble(),
                getArray(in, TailState.MAX_PEAKS));
    }

    private static void putArray(ByteBuffer out, double[] values) {
        out.putInt(values.length);
        for (double v : values) {
            out.putDouble(v);
        }
    }

    /** Reads a counted array, checking the count against the bytes left before allocating anything. */
    private static double[] getArray(ByteBuffer in, int max) {
        int count = in.getInt();
        if (count < 0 || count > max || count > in.remaining() / 8) {
            throw new LatentwatchException("threshold state declares " + count + " values but has room for "
                    + Math.min(max, in.remaining() / 8));
        }
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.getDouble();
        }
        return values;
    }

    private static int crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
