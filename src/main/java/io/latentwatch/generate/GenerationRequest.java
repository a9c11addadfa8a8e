package io.latentwatch.generate;

import io.latentwatch.LatentwatchException;
import java.time.Duration;
import java.time.Instant;

/**
 * How many windows to generate and how to lay their readings out in event time.
 *
 * @param windows windows to sample, each becoming {@code window} readings
 * @param seed seeds the latent draws, so the same request gives the same readings
 * @param entity the entity id of every reading (and the Kafka key)
 * @param start event time of the first reading
 * @param step event time between consecutive readings, also across window boundaries
 */
public record GenerationRequest(int windows, long seed, String entity, Instant start, Duration step) {
    public static final String DEFAULT_ENTITY = "generated";
    public static final int MAX_WINDOWS = 10_000_000;

    public GenerationRequest {
        if (windows < 1 || windows > MAX_WINDOWS) {
            throw new LatentwatchException("count must be in [1, " + MAX_WINDOWS + "] windows, got " + windows);
        }
        if (entity == null || entity.isBlank()) {
            throw new LatentwatchException("entity must be a non-blank id, got '" + entity + "'");
        }
        if (start == null) {
            throw new LatentwatchException("a start time is required");
        }
        if (step == null || step.isNegative() || step.isZero() || step.toMillis() < 1) {
            throw new LatentwatchException("step must be at least 1ms, got " + step);
        }
    }
}
