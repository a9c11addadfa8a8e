package io.latentwatch.features;

import io.latentwatch.LatentwatchException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts one entity's readings back into event-time order. A reading is held until the entity's
 * newest event time has moved {@code graceMs} past it, then released in order; a reading older
 * than one already released is late and is not placed (the caller counts and routes it).
 *
 * <p>With grace 0 readings pass straight through and only out-of-order ones are late. The number
 * held is bounded by {@code maxPending}: beyond it the oldest is released early. Persisted with
 * {@link #toBytes()} as a versioned record.
 */
public final class ReorderBuffer {
    private static final byte FORMAT_VERSION = 1;
    public static final int DEFAULT_MAX_PENDING = 10_000;

    /** Receives readings in event-time order. */
    @FunctionalInterface
    public interface Sink {
        void accept(long timestamp, double[] row);
    }

    private record Held(long timestamp, double[] row) {
    }

    private final long graceMs;
    private final int maxPending;
    private final List<Held> held = new ArrayList<>();
    private long newest = Long.MIN_VALUE;
    private long lastReleased = Long.MIN_VALUE;
    private long late;

    public ReorderBuffer(long graceMs, int maxPending) {
        if (graceMs < 0) {
            throw new LatentwatchException("grace must be >= 0 ms, got " + graceMs);
        }
        if (maxPending < 1) {
            throw new LatentwatchException("max pending readings must be >= 1, got " + maxPending);
        }
        this.graceMs = graceMs;
        this.maxPending = maxPending;
    }

    /**
     * Takes one reading and releases, in order, every held reading the grace no longer protects.
     *
     * @return false if the reading is late (older than one already released); it is then dropped here
     */
    public boolean offer(long timestamp, double[] row, Sink sink) {
        if (timestamp < lastReleased) {
            late++;
            return false;
        }
        int at = held.size();
        while (at > 0 && held.get(at - 1).timestamp() > timestamp) {
            at--;
        }
        held.add(at, new Held(timestamp, row.clone()));
        newest = Math.max(newest, timestamp);
        long watermark = newest - graceMs;
        while (!held.isEmpty() && (held.get(0).timestamp() <= watermark || held.size() > maxPending)) {
            Held h = held.remove(0);
            lastReleased = h.timestamp();
            sink.accept(h.timestamp(), h.row());
        }
        return true;
    }

    /** Readings rejected as late so far. */
    public long late() {
        return late;
    }

    /** Readings held back, waiting for the grace to pass. */
    public int pending() {
        return held.size();
    }

    public byte[] toBytes() {
        int channels = held.isEmpty() ? 0 : held.get(0).row().length;
        ByteBuffer b = ByteBuffer.allocate(1 + 8 * 3 + 4 + 4 + held.size() * (8 + 8 * channels));
        b.put(FORMAT_VERSION).putLong(newest).putLong(lastReleased).putLong(late).putInt(held.size()).putInt(channels);
        for (Held h : held) {
            b.putLong(h.timestamp());
            for (double v : h.row()) {
                b.putDouble(v);
            }
        }
        return b.array();
    }

    /** Restores a buffer saved by {@link #toBytes()}, with this detector's grace and bound. */
    public static ReorderBuffer fromBytes(ByteBuffer b, long graceMs, int maxPending) {
        try {
            byte version = b.get();
            if (version != FORMAT_VERSION) {
                throw new LatentwatchException("reorder state has format version " + version + ", expected "
                        + FORMAT_VERSION);
            }
            ReorderBuffer r = new ReorderBuffer(graceMs, maxPending);
            r.newest = b.getLong();
            r.lastReleased = b.getLong();
            r.late = b.getLong();
            int count = b.getInt();
            int channels = b.getInt();
            // Check each length on its own first: their product of two garbage ints can overflow a long.
            if (count < 0 || channels < 0 || count > b.remaining() / 8 || channels > b.remaining() / 8
                    || (long) count * (8 + 8L * channels) > b.remaining()) {
                throw new LatentwatchException("reorder state is corrupt: " + count + " readings of " + channels
                        + " channels in " + b.remaining() + " bytes");
            }
            for (int i = 0; i < count; i++) {
                long ts = b.getLong();
                double[] row = new double[channels];
                for (int c = 0; c < channels; c++) {
                    row[c] = b.getDouble();
                }
                r.held.add(new Held(ts, row));
            }
            return r;
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException("reorder state is truncated", e);
        }
    }
}
