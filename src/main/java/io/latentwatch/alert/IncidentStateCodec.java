package io.latentwatch.alert;

import io.latentwatch.LatentwatchException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Maps {@link IncidentState} to and from the bytes kept in the detector's state store.
 *
 * <p>Format version 1, big-endian: version byte; recentAbove (8); consecutiveBelow (4);
 * lastWindowEnd (8); flags byte (bit 0: episode present, bit 1: incident open); if open, severity
 * ordinal (1) and windowsOpen (4); if an episode, its first and last bounds (4 × 8), peakScore and
 * peakRatio (2 × 8), windowsAbove (4), channel count (4) and one double per channel. A state is at
 * most {@link #maxBytes(int)} bytes, whatever {@code n}.
 *
 * <p>Decoding checks every field and that nothing trails; any damage, truncation or unknown version
 * is a {@link LatentwatchException} naming what was wrong.
 */
public final class IncidentStateCodec {
    /** The format version written by {@link #encode} and the only one {@link #decode} reads. */
    public static final byte VERSION = 1;

    private static final int HEADER = 1 + 8 + 4 + 8 + 1;
    private static final int OPEN_FIELDS = 1 + 4;
    private static final int EPISODE_FIELDS = 4 * 8 + 2 * 8 + 4 + 4;
    private static final int FLAG_EPISODE = 1;
    private static final int FLAG_OPEN = 2;

    private IncidentStateCodec() {
    }

    /** The largest encoding of a state whose verdicts have {@code channels} channels. */
    public static int maxBytes(int channels) {
        return HEADER + OPEN_FIELDS + EPISODE_FIELDS + 8 * channels;
    }

    public static byte[] encode(IncidentState state) {
        Episode e = state.episode();
        int size = HEADER + (state.isOpen() ? OPEN_FIELDS : 0) + (e == null ? 0 : EPISODE_FIELDS + 8 * e.channels());
        ByteBuffer b = ByteBuffer.allocate(size);
        b.put(VERSION).putLong(state.recentAbove()).putInt(state.consecutiveBelow()).putLong(state.lastWindowEnd());
        b.put((byte) ((e == null ? 0 : FLAG_EPISODE) | (state.isOpen() ? FLAG_OPEN : 0)));
        if (state.isOpen()) {
            b.put((byte) state.severity().ordinal()).putInt(state.windowsOpen());
        }
        if (e != null) {
            b.putLong(e.firstStart()).putLong(e.firstEnd()).putLong(e.lastStart()).putLong(e.lastEnd());
            b.putDouble(e.peakScore()).putDouble(e.peakRatio()).putInt(e.windowsAbove()).putInt(e.channels());
            for (int c = 0; c < e.channels(); c++) {
                b.putDouble(e.sumAt(c));
            }
        }
        return b.array();
    }

    public static IncidentState decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new LatentwatchException("incident state is empty; expected at least " + HEADER + " bytes");
        }
        if (bytes[0] != VERSION) {
            throw new LatentwatchException("incident state has format version " + bytes[0] + ", expected " + VERSION);
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
            long recent = b.getLong();
            int below = b.getInt();
            long lastWindowEnd = b.getLong();
            int flags = b.get();
            if ((flags & ~(FLAG_EPISODE | FLAG_OPEN)) != 0) {
                throw new LatentwatchException("flags must use bits 0 and 1 only, got " + flags);
            }
            Severity severity = null;
            int windowsOpen = 0;
            if ((flags & FLAG_OPEN) != 0) {
                severity = Severity.ofOrdinal(b.get());
                windowsOpen = b.getInt();
            }
            Episode episode = (flags & FLAG_EPISODE) != 0 ? episode(b) : null;
            if (b.hasRemaining()) {
                throw new LatentwatchException(b.remaining() + " bytes follow the last field");
            }
            return new IncidentState(recent, below, lastWindowEnd, episode, severity, windowsOpen);
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException("incident state is truncated at " + bytes.length + " bytes", e);
        } catch (LatentwatchException e) {
            throw new LatentwatchException("incident state is not valid: " + e.getMessage(), e);
        }
    }

    private static Episode episode(ByteBuffer b) {
        long firstStart = b.getLong();
        long firstEnd = b.getLong();
        long lastStart = b.getLong();
        long lastEnd = b.getLong();
        double peakScore = b.getDouble();
        double peakRatio = b.getDouble();
        int windowsAbove = b.getInt();
        int channels = b.getInt();
        // Checked before allocating, so a damaged count cannot ask for gigabytes.
        if (channels < 1 || channels > WindowVerdict.MAX_CHANNELS) {
            throw new LatentwatchException("episode channel count must be in [1, " + WindowVerdict.MAX_CHANNELS
                    + "], got " + channels);
        }
        if (channels > b.remaining() / 8) {
            throw new BufferUnderflowException();
        }
        double[] sums = new double[channels];
        for (int c = 0; c < channels; c++) {
            sums[c] = b.getDouble();
        }
        return new Episode(firstStart, firstEnd, lastStart, lastEnd, peakScore, peakRatio, windowsAbove, sums);
    }
}
