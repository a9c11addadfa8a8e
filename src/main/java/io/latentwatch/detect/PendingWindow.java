package io.latentwatch.detect;

import io.latentwatch.LatentwatchException;
import io.latentwatch.features.Window;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A complete window waiting in the {@code pending-windows} store to be scored with its batch.
 * Keeping it in a changelogged store (not in memory) is what keeps micro-batching exactly-once:
 * the window commits in the same transaction as the input offsets that produced it.
 */
record PendingWindow(String entity, Window window) {
    private static final byte FORMAT_VERSION = 1;

    byte[] toBytes() {
        byte[] id = entity.getBytes(StandardCharsets.UTF_8);
        long[] times = window.times();
        float[] features = window.features();
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + id.length + 4 + 8 * times.length + 4 + 4 * features.length);
        b.put(FORMAT_VERSION).putInt(id.length).put(id).putInt(times.length);
        for (long t : times) {
            b.putLong(t);
        }
        b.putInt(features.length);
        for (float f : features) {
            b.putFloat(f);
        }
        return b.array();
    }

    static PendingWindow fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte version = b.get();
            if (version != FORMAT_VERSION) {
                throw new LatentwatchException("pending window has format version " + version + ", expected "
                        + FORMAT_VERSION);
            }
            byte[] id = new byte[checkedLength(b.getInt(), 1, b)];
            b.get(id);
            long[] times = new long[checkedLength(b.getInt(), 8, b)];
            for (int i = 0; i < times.length; i++) {
                times[i] = b.getLong();
            }
            float[] features = new float[checkedLength(b.getInt(), 4, b)];
            for (int i = 0; i < features.length; i++) {
                features[i] = b.getFloat();
            }
            return new PendingWindow(new String(id, StandardCharsets.UTF_8), new Window(times, features));
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException("pending window is truncated (" + bytes.length + " bytes)", e);
        }
    }

    private static int checkedLength(int n, int width, ByteBuffer b) {
        if (n < 0 || (long) n * width > b.remaining()) {
            throw new LatentwatchException("pending window is corrupt: length " + n + " with " + b.remaining()
                    + " bytes left");
        }
        return n;
    }
}
