package io.latentwatch.bench;

import io.latentwatch.LatentwatchException;
import io.latentwatch.train.ArchitectureOptions;
import java.time.Duration;

/**
 * What {@code latentwatch bench} measures: the shape of the input, the model to train for it, and
 * the paced run that measures latency. Validated here, so every entry point gets the same errors.
 *
 * @param entities distinct entity ids the readings are spread over (round robin)
 * @param channels channels per reading (and model inputs)
 * @param records readings pre-produced for each throughput phase
 * @param window readings per window
 * @param hop readings between the ends of consecutive windows
 * @param architecture the autoencoder trained for the detector phase
 * @param latencyRate readings per second offered in the latency phase; 0 picks half the detector's measured rate
 * @param latencyDuration how long the latency phase's producer runs
 * @param seed seeds the synthetic readings and the training
 */
public record BenchOptions(int entities, int channels, long records, int window, int hop,
                           ArchitectureOptions architecture, double latencyRate, Duration latencyDuration, long seed) {
    public static final int DEFAULT_ENTITIES = 20;
    public static final int DEFAULT_CHANNELS = 6;
    public static final long DEFAULT_RECORDS = 100_000;
    public static final int DEFAULT_WINDOW = 32;
    public static final int DEFAULT_HOP = 4;
    public static final Duration DEFAULT_LATENCY_DURATION = Duration.ofSeconds(15);
    public static final int MAX_ENTITIES = 1_000_000;
    public static final int MAX_CHANNELS = 256;
    public static final int MAX_WINDOW = 1024;
    public static final long MAX_RECORDS = 100_000_000L;

    public BenchOptions {
        if (entities < 1 || entities > MAX_ENTITIES) {
            throw new LatentwatchException("--entities must be in [1, " + MAX_ENTITIES + "], got " + entities);
        }
        if (channels < 1 || channels > MAX_CHANNELS) {
            throw new LatentwatchException("--channels must be in [1, " + MAX_CHANNELS + "], got " + channels);
        }
        if (window < 2 || window > MAX_WINDOW) {
            throw new LatentwatchException("--window must be in [2, " + MAX_WINDOW + "] readings, got " + window);
        }
        if (hop < 1 || hop > window) {
            throw new LatentwatchException("--hop must be in [1, window = " + window + "] readings, got " + hop);
        }
        long perEntity = records / entities;
        if (records > MAX_RECORDS || perEntity < window) {
            throw new LatentwatchException("--records must give every entity at least one window and be at most "
                    + MAX_RECORDS + ": expected [" + (long) entities * window + ", " + MAX_RECORDS + "] for "
                    + entities + " entities and window " + window + ", got " + records);
        }
        if (architecture == null) {
            throw new LatentwatchException("an architecture is required (ArchitectureOptions.DENSE for dense)");
        }
        if (!(latencyRate >= 0) || Double.isInfinite(latencyRate)) {
            throw new LatentwatchException("--latency-rate must be >= 0 readings/s (0 = half the detector's measured "
                    + "rate), got " + latencyRate);
        }
        if (latencyDuration == null || latencyDuration.toMillis() < 1000 || latencyDuration.toMinutes() > 60) {
            throw new LatentwatchException("--latency-duration must be in [1s, 60min], got " + latencyDuration);
        }
    }

    /** The defaults of {@code latentwatch bench} with the dense autoencoder. */
    public static BenchOptions defaults() {
        return new BenchOptions(DEFAULT_ENTITIES, DEFAULT_CHANNELS, DEFAULT_RECORDS, DEFAULT_WINDOW, DEFAULT_HOP,
                ArchitectureOptions.DENSE, 0, DEFAULT_LATENCY_DURATION, 42);
    }
}
