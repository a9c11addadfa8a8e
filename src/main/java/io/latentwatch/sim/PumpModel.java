package io.latentwatch.sim;

import java.util.Random;

/**
 * The normal physics of one simulated centrifugal pump: a periodic load drives speed, current,
 * flow and pressure directly, temperature follows the load with a slow lag, and vibration
 * grows with speed. Stateful (the temperature lag and the noise sequence): call
 * {@link #next(long, double[])} once per reading index, in order.
 */
final class PumpModel {

    /** Typical length of one load cycle, in readings. */
    static final double NOMINAL_PERIOD = 120.0;
    /** How many readings temperature needs to close about 63% of a gap to its target. */
    static final double TEMPERATURE_LAG = 30.0;

    private final double phase;
    private final double period;
    /** Per-pump size: identical pumps do not exist, and a detector must cope with that. */
    private final double size;
    private final Random noise;
    /** This reading's standard-normal noise per channel, by ordinal. */
    private final double[] noiseOf = new double[Channel.values().length];
    private double temperature;

    PumpModel(long seed, int entity) {
        Random parameters = new Random(Seeds.derive(seed, Seeds.PUMP_PARAMETERS, entity));
        this.phase = parameters.nextDouble() * 2 * Math.PI;
        this.period = NOMINAL_PERIOD * (0.9 + 0.2 * parameters.nextDouble());
        this.size = 0.9 + 0.2 * parameters.nextDouble();
        this.noise = new Random(Seeds.derive(seed, Seeds.PUMP_NOISE, entity));
        this.temperature = steadyTemperature();
    }

    /**
     * The lagged temperature a pump that has been running for a long time shows just before reading
     * 0. Starting from the bare target instead would make every pump's first windows a start-up
     * transient that no trained model has seen.
     */
    private double steadyTemperature() {
        long from = -(long) (20 * TEMPERATURE_LAG);
        double t = temperatureTarget(load(from));
        for (long i = from + 1; i < 0; i++) {
            t += (temperatureTarget(load(i)) - t) / TEMPERATURE_LAG;
        }
        return t;
    }

    /** The pump's load at reading {@code index}, between 0.3 and 0.9 of its rating. */
    double load(long index) {
        return 0.6 + 0.3 * Math.sin(2 * Math.PI * index / period + phase);
    }

    /**
     * Writes the normal values of reading {@code index} into {@code out} (indexed by
     * {@link Channel#ordinal()}) and returns the load that produced them.
     */
    double next(long index, double[] out) {
        double load = load(index);
        // Always draw every channel's noise, so an injected fault never shifts later readings.
        for (Channel c : Channel.values()) {
            noiseOf[c.ordinal()] = noise.nextGaussian();
        }
        temperature += (temperatureTarget(load) - temperature) / TEMPERATURE_LAG;
        for (Channel c : Channel.values()) {
            out[c.ordinal()] = value(c, load);
        }
        return load;
    }

    /**
     * The value channel {@code c} would show at {@code load} with the current reading's noise;
     * used with the true load for normal readings and with a false one to break correlations.
     * Temperature and vibration depend on state and speed, not on the load passed in.
     */
    double value(Channel c, double load) {
        double z = noiseOf[c.ordinal()];
        return switch (c) {
            case RPM -> rpm(load, noiseOf[Channel.RPM.ordinal()]);
            // Vibration follows the real speed: an imbalance grows with rotation rate.
            case VIBRATION -> 2.2 * rpm(load, noiseOf[Channel.RPM.ordinal()]) / 1400.0 * (1 + 0.04 * z);
            case CURRENT -> size * (8.0 + 30.0 * load) + 0.3 * z;
            case FLOW -> size * 120.0 * load + 1.5 * z;
            // Affinity law: head rises with the square of speed, and speed follows load.
            case PRESSURE -> 1.5 + 4.0 * load * load + 0.05 * z;
            case TEMPERATURE -> temperature + 0.2 * z;
        };
    }

    private static double rpm(double load, double z) {
        return 1000.0 + 800.0 * load + 4.0 * z;
    }

    private static double temperatureTarget(double load) {
        return 40.0 + 30.0 * load;
    }
}
