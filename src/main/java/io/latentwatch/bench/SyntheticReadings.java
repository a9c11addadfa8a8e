package io.latentwatch.bench;

import io.latentwatch.avro.SensorReading;
import io.latentwatch.data.TimeSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Normal readings of any number of channels for the benchmark: every channel follows one shared
 * periodic load with its own offset, gain and phase, plus seeded Gaussian noise, so that an
 * autoencoder has correlations to learn and the detector sees realistic, non-constant values.
 */
public final class SyntheticReadings {
    /** Event time of the first reading of a throughput phase; consecutive readings of an entity are 1 s apart. */
    public static final long START = 1_700_000_000_000L;
    public static final long STEP_MS = 1000;
    private static final double PERIOD = 40.0;

    private final List<String> channels;

    public SyntheticReadings(int channelCount) {
        List<String> names = new ArrayList<>(channelCount);
        for (int c = 0; c < channelCount; c++) {
            names.add("ch" + c);
        }
        this.channels = List.copyOf(names);
    }

    public List<String> channels() {
        return channels;
    }

    /** The entity id of the {@code e}-th entity. */
    public static String entity(int e) {
        return String.format("entity-%05d", e);
    }

    /** The values of every channel at step {@code step} of an entity. */
    public double[] row(long step, Random noise) {
        double load = Math.sin(2 * Math.PI * step / PERIOD);
        double[] row = new double[channels.size()];
        for (int c = 0; c < row.length; c++) {
            double phase = 2 * Math.PI * step / PERIOD + 0.3 * c;
            row[c] = 10 * (c + 1) + (2 + c % 5) * load + Math.cos(phase) + 0.1 * noise.nextGaussian();
        }
        return row;
    }

    /** One entity's normal history of {@code rows} readings, for training. */
    public TimeSeries series(int rows, long seed) {
        Random noise = new Random(seed);
        long[] ts = new long[rows];
        double[][] values = new double[rows][];
        for (int i = 0; i < rows; i++) {
            ts[i] = START + i * STEP_MS;
            values[i] = row(i, noise);
        }
        return new TimeSeries(ts, channels, values, null);
    }

    /** The reading of {@code entity} at event time {@code timestamp} with these values. */
    public SensorReading reading(String entity, long timestamp, double[] values) {
        Map<String, Double> map = new HashMap<>(values.length * 2);
        for (int c = 0; c < values.length; c++) {
            map.put(channels.get(c), values[c]);
        }
        return SensorReading.newBuilder().setEntityId(entity).setTimestamp(Instant.ofEpochMilli(timestamp))
                .setReadings(map).build();
    }
}
