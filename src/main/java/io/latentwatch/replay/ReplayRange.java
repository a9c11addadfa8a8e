package io.latentwatch.replay;

import io.latentwatch.LatentwatchException;
import java.time.Instant;

/**
 * Which part of a topic to replay: where each partition starts (a time, an offset, or its
 * beginning) and where reading stops (a time, or the end offsets taken when the replay starts).
 * Times compare with the records' timestamps, which producers of readings set to the event time.
 *
 * @param from start each partition at the first record with a timestamp at or after this, or null
 * @param fromOffset start each partition at this offset (clamped to what the partition holds), or null
 * @param to stop a partition at its first record with a timestamp at or after this, or null for none
 */
public record ReplayRange(Instant from, Long fromOffset, Instant to) {
    public ReplayRange {
        if (from != null && fromOffset != null) {
            throw new LatentwatchException("give a start time or a start offset, not both (got " + from + " and offset "
                    + fromOffset + ")");
        }
        if (fromOffset != null && fromOffset < 0) {
            throw new LatentwatchException("the start offset must be >= 0, got " + fromOffset);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new LatentwatchException("the range [" + from + ", " + to + ") is empty; the end must be after the start");
        }
    }

    /** Everything each partition holds now. */
    public static ReplayRange all() {
        return new ReplayRange(null, null, null);
    }

    @Override
    public String toString() {
        String start = from != null ? from.toString() : fromOffset != null ? "offset " + fromOffset : "beginning";
        return "[" + start + ", " + (to == null ? "end offsets at start" : to.toString()) + ")";
    }
}
