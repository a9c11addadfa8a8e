package io.latentwatch.detect;

import io.latentwatch.LatentwatchException;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.GapPolicy;
import io.latentwatch.features.ReorderBuffer;
import io.latentwatch.features.WindowBuffer;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One entity's windowing state as kept in the {@code entity-windows} store: the reorder buffer
 * that restores event-time order within the grace, and the window buffer behind it.
 */
record EntityWindows(ReorderBuffer reorder, WindowBuffer windows) {
    private static final byte FORMAT_VERSION = 1;

    static EntityWindows fresh(FeatureSpec spec, DetectorConfig config) {
        return new EntityWindows(new ReorderBuffer(config.graceMs(), ReorderBuffer.DEFAULT_MAX_PENDING),
                new WindowBuffer(spec, config.gapPolicy()));
    }

    byte[] toBytes() {
        byte[] r = reorder.toBytes();
        byte[] w = windows.toBytes();
        return ByteBuffer.allocate(1 + 4 + r.length + w.length).put(FORMAT_VERSION).putInt(r.length).put(r).put(w)
                .array();
    }

    static EntityWindows fromBytes(byte[] bytes, FeatureSpec spec, DetectorConfig config) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte version = b.get();
            if (version != FORMAT_VERSION) {
                throw new LatentwatchException("entity window state has format version " + version + ", expected "
                        + FORMAT_VERSION);
            }
            int reorderLength = b.getInt();
            if (reorderLength < 0 || reorderLength > b.remaining()) {
                throw new LatentwatchException("entity window state is corrupt: reorder part of " + reorderLength
                        + " bytes in " + b.remaining());
            }
            ByteBuffer reorderBytes = ByteBuffer.wrap(bytes, b.position(), reorderLength);
            ReorderBuffer reorder = ReorderBuffer.fromBytes(reorderBytes, config.graceMs(),
                    ReorderBuffer.DEFAULT_MAX_PENDING);
            byte[] rest = Arrays.copyOfRange(bytes, b.position() + reorderLength, bytes.length);
            GapPolicy policy = config.gapPolicy();
            return new EntityWindows(reorder, WindowBuffer.fromBytes(rest, spec, policy));
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException("entity window state is truncated (" + bytes.length + " bytes)", e);
        }
    }
}
