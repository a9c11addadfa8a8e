package io.latentwatch.detect;

import io.latentwatch.avro.SensorReading;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a decoded reading is usable. A reading is refused whole, never half-used: a NaN
 * or infinite value, a value beyond the configured bound, no channel the model knows, an event time
 * before 1970, or one too far ahead of the record's Kafka timestamp (judged against the record, not
 * the wall clock, so a replay decides the same).
 */
final class ReadingChecks {
    /** Why a reading was refused, and the detail for the dead-letter headers. */
    record Problem(DeadLetter reason, String message) {
    }

    private ReadingChecks() {
    }

    /** The reading's problem, or null when it is usable. */
    static Problem problem(SensorReading reading, List<String> channels, DetectorConfig config, long recordTimestamp) {
        Map<String, Double> values = reading.getReadings();
        boolean known = false;
        for (Map.Entry<String, Double> e : values.entrySet()) {
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v)) {
                return new Problem(DeadLetter.NON_FINITE_VALUE, "channel '" + e.getKey() + "' of " + reading.getEntityId()
                        + " is " + v + ", expected a finite number");
            }
            if (Math.abs(v) > config.maxAbsValue()) {
                return new Problem(DeadLetter.ABSURD_VALUE, "channel '" + e.getKey() + "' of " + reading.getEntityId()
                        + " is " + v + ", beyond the bound of +-" + config.maxAbsValue());
            }
            known |= channels.contains(e.getKey());
        }
        if (!known) {
            return new Problem(DeadLetter.UNKNOWN_CHANNELS, "reading of " + reading.getEntityId() + " has channels "
                    + values.keySet() + ", none of the model's " + channels);
        }
        long eventTime = reading.getTimestamp().toEpochMilli();
        if (eventTime < 0) {
            return new Problem(DeadLetter.PRE_EPOCH_TIMESTAMP, "reading of " + reading.getEntityId() + " at "
                    + reading.getTimestamp() + " is before 1970-01-01T00:00:00Z; its windows would carry negative "
                    + "Kafka timestamps");
        }
        long ahead = eventTime - recordTimestamp;
        if (recordTimestamp > 0 && ahead > config.maxFutureMs()) {
            return new Problem(DeadLetter.FUTURE_TIMESTAMP, "reading of " + reading.getEntityId() + " at "
                    + reading.getTimestamp() + " is " + ahead + " ms ahead of its record's timestamp, more than the "
                    + config.maxFutureMs() + " ms allowed");
        }
        return null;
    }
}
