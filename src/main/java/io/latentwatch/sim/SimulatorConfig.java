package io.latentwatch.sim;

import io.latentwatch.LatentwatchException;
import java.time.Duration;
import java.time.Instant;

/**
 * What to simulate: how many pumps, how often each reports, for how long, whether faults are
 * injected, and the seed that makes the whole run reproducible.
 *
 * @param entities number of pumps, named {@code pump-01} upwards; 1 to {@value #MAX_ENTITIES}
 * @param ratePerSecond readings per second per entity; above 0 and at most
 *     {@value #MAX_RATE} (timestamps are whole milliseconds and must stay distinct)
 * @param duration event-time span covered; long enough for at least one reading
 * @param anomalies whether to inject anomalies; {@code false} gives a purely normal plant
 *     (training data)
 * @param seed seed of every random choice; same config, same readings
 * @param start timestamp of the first reading
 */
public record SimulatorConfig(int entities, double ratePerSecond, Duration duration,
        boolean anomalies, long seed, Instant start) {

    public static final int MAX_ENTITIES = 10_000;
    public static final double MAX_RATE = 1000.0;

    public SimulatorConfig {
        if (entities < 1 || entities > MAX_ENTITIES) {
            throw new LatentwatchException("entities must be in [1, " + MAX_ENTITIES + "], got "
                    + entities);
        }
        if (!(ratePerSecond > 0 && ratePerSecond <= MAX_RATE)) {
            throw new LatentwatchException("ratePerSecond must be in (0, " + MAX_RATE
                    + "] readings per second per entity, got " + ratePerSecond);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new LatentwatchException("duration must be positive, got " + duration);
        }
        if (start == null) {
            throw new LatentwatchException("start must be an instant, got null");
        }
        if (readingsPerEntity(duration, ratePerSecond) < 1) {
            throw new LatentwatchException("duration " + duration + " at " + ratePerSecond
                    + " readings per second gives no reading; it must be at least "
                    + Duration.ofNanos((long) Math.ceil(1e9 / ratePerSecond)));
        }
    }

    /** Number of readings each entity produces: {@code floor(duration * rate)}. */
    public long readingsPerEntity() {
        return readingsPerEntity(duration, ratePerSecond);
    }

    /** Timestamp of every entity's reading number {@code index} (0-based). */
    public Instant timestampOf(long index) {
        return start.plusMillis(Math.round(index * 1000.0 / ratePerSecond));
    }

    private static long readingsPerEntity(Duration duration, double rate) {
        double seconds = duration.getSeconds() + duration.getNano() / 1e9;
        // The epsilon keeps e.g. 0.3 s at 10 Hz at 3 readings despite binary rounding.
        return (long) Math.floor(seconds * rate + 1e-9);
    }
}
