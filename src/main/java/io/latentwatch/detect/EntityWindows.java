package io.latentwatch.detect;

import io.latentwatch.LatentwatchException;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.GapPolicy;
import io.latentwatch.features.ReorderBuffer;
import io.latentwatch.features.TimeBuckets;
import io.latentwatch.features.TimeWindowSpec;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.features.WindowBuffer;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One entity's windowing state as kept in the {@code entity-windows} store: the reorder buffer
 * that restores event-time order within the grace, the event-time buckets when the model uses
 * them, and the window buffer behind them.
 */
record EntityWindows(ReorderBuffer reorder, TimeBuckets buckets, WindowBuffer windows) {
    private static final byte FORMAT_VERSION = 1;

    static EntityWindows fresh(DetectorModel model, DetectorConfig config) {
        TimeWindowSpec time = model.card().timeWindowSpec();
        return new EntityWindows(new ReorderBuffer(config.graceMs(), ReorderBuffer.DEFAULT_MAX_PENDING),
                time == null ? null : new TimeBuckets(time, model.card().inputChannels().size()),
                new WindowBuffer(model.spec(), config.gapPolicy()));
    }

    byte[] toBytes() {
        byte[] r = reorder.toBytes();
        byte[] t = buckets == null ? new byte[0] : buckets.toBytes();
        byte[] w = windows.toBytes();
        return ByteBuffer.allocate(1 + 4 + r.length + 4 + t.length + w.length).put(FORMAT_VERSION)
                .putInt(r.length).put(r).putInt(t.length).put(t).put(w).array();
    }

    static EntityWindows fromBytes(byte[] bytes, DetectorModel model, DetectorConfig config) {
        FeatureSpec spec = model.spec();
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
            b.position(b.position() + reorderLength);
            int bucketLength = b.getInt();
            if (bucketLength < 0 || bucketLength > b.remaining()) {
                throw new LatentwatchException("entity window state is corrupt: bucket part of " + bucketLength
                        + " bytes in " + b.remaining());
            }
            TimeWindowSpec time = model.card().timeWindowSpec();
            if ((time == null) != (bucketLength == 0)) {
                throw new LatentwatchException("entity window state " + (bucketLength == 0 ? "lacks" : "has")
                        + " time buckets but the model " + (time == null ? "does not use" : "uses") + " them");
            }
            TimeBuckets buckets = time == null ? null : TimeBuckets.fromBytes(
                    ByteBuffer.wrap(bytes, b.position(), bucketLength).slice(), time, model.card().inputChannels().size());
            byte[] rest = Arrays.copyOfRange(bytes, b.position() + bucketLength, bytes.length);
            GapPolicy policy = config.gapPolicy();
            return new EntityWindows(reorder, buckets, WindowBuffer.fromBytes(rest, spec, policy));
        } catch (BufferUnderflowException e) {
            throw new LatentwatchException("entity window state is truncated (" + bytes.length + " bytes)", e);
        }
    }
}
