package io.latentwatch.sim;

import io.latentwatch.avro.SensorReading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A simulated plant of pumps whose readings, and the anomalies injected into them, are fully
 * determined by a {@link SimulatorConfig}: the source of demo traffic, training data and
 * labelled evaluation runs.
 *
 * <p>Every pump reports six correlated channels ({@link Channel}) driven by a shared periodic
 * load. Anomalies are overlays on one channel of one pump: the pump's physics and noise run on
 * unchanged underneath, so outside {@link #schedule()} a run with anomalies equals the same
 * seed's run without them, value for value. Pure logic; no Kafka and no wall clock.
 */
public final class PlantSimulator implements Iterable<SensorReading> {

    private static final int CHANNELS = Channel.values().length;
    private static final double SPIKE_SIZE = 4.0;
    private static final double SHIFT_SIZE = 1.5;
    private static final double DRIFT_SIZE = 2.5;
    /** Load and inverted load are symmetric around the mean load 0.6, keeping values in range. */
    private static final double LOAD_MIRROR = 1.2;

    private final SimulatorConfig config;
    private final List<PlannedAnomaly> planned;
    private final List<InjectedAnomaly> schedule;

    public PlantSimulator(SimulatorConfig config) {
        this.config = config;
        this.planned = AnomalySchedule.plan(config);
        this.schedule = planned.stream().map(this::toPublic).toList();
    }

    public SimulatorConfig config() {
        return config;
    }

    /** The id of entity number {@code index} (0-based): {@code pump-01} for 0. */
    public static String entityId(int index) {
        return String.format("pump-%02d", index + 1);
    }

    /** All entity ids, in the order readings of one timestamp are emitted. */
    public List<String> entityIds() {
        List<String> ids = new ArrayList<>(config.entities());
        for (int e = 0; e < config.entities(); e++) {
            ids.add(entityId(e));
        }
        return List.copyOf(ids);
    }

    /** The injected anomalies, by start time then entity; empty when anomalies are off. */
    public List<InjectedAnomaly> schedule() {
        return schedule;
    }

    /** Total number of readings over all entities. */
    public long totalReadings() {
        return config.readingsPerEntity() * config.entities();
    }

    /**
     * A fresh pass over all readings in event-time order: every entity's reading 0 (pump-01
     * first), then every entity's reading 1, and so on. Each call starts over and yields the
     * same readings.
     */
    @Override
    public Iterator<SensorReading> iterator() {
        return new Readings();
    }

    /** The readings of {@link #iterator()} as a sequential, ordered stream. */
    public Stream<SensorReading> readings() {
        return StreamSupport.stream(Spliterators.spliterator(iterator(), totalReadings(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.SIZED), false);
    }

    /** The latent load of entity {@code entity} at reading {@code index}; for tests. */
    double load(int entity, long index) {
        return new PumpModel(config.seed(), entity).load(index);
    }

    private InjectedAnomaly toPublic(PlannedAnomaly a) {
        return new InjectedAnomaly(entityId(a.entity()), a.kind(), config.timestampOf(a.startIndex()),
                config.timestampOf(a.endIndex()), a.channel().id());
    }

    /** One pump during a pass: its physics plus the anomalies still ahead of it. */
    private static final class Pump {
        final String id;
        final PumpModel model;
        final Iterator<PlannedAnomaly> upcoming;
        final double[] values = new double[CHANNELS];
        final double[] lastNormal = new double[CHANNELS];
        PlannedAnomaly current;
        double stuckValue;

        Pump(String id, PumpModel model, List<PlannedAnomaly> anomalies) {
            this.id = id;
            this.model = model;
            this.upcoming = anomalies.iterator();
            this.current = upcoming.hasNext() ? upcoming.next() : null;
        }

        void advance(long index) {
            double load = model.next(index, values);
            while (current != null && index >= current.endIndex()) {
                current = upcoming.hasNext() ? upcoming.next() : null;
            }
            boolean faulty = current != null && current.covers(index);
            if (faulty && index == current.startIndex()) {
                stuckValue = lastNormal[current.channel().ordinal()];
            }
            System.arraycopy(values, 0, lastNormal, 0, CHANNELS);
            if (faulty) {
                int c = current.channel().ordinal();
                values[c] = faulty(current, index, values[c], load);
            }
        }

        private double faulty(PlannedAnomaly a, long index, double normal, double load) {
            double deviation = a.channel().deviation();
            return switch (a.kind()) {
                // Spikes go up: a negative flow or vibration would be a different, impossible fault.
                case SPIKE -> normal + SPIKE_SIZE * deviation;
                case LEVEL_SHIFT -> normal + a.direction() * SHIFT_SIZE * deviation;
                case DRIFT -> normal + a.direction() * DRIFT_SIZE * deviation
                        * (index - a.startIndex() + 1) / a.length();
                case STUCK -> stuckValue;
                case BROKEN_CORRELATION -> model.value(a.channel(), LOAD_MIRROR - load);
            };
        }
    }

    private final class Readings implements Iterator<SensorReading> {
        private final List<Pump> pumps = new ArrayList<>();
        private final long perEntity = config.readingsPerEntity();
        private long index;
        private int entity;

        Readings() {
            List<List<PlannedAnomaly>> byEntity = new ArrayList<>();
            for (int e = 0; e < config.entities(); e++) {
                byEntity.add(new ArrayList<>());
            }
            planned.forEach(a -> byEntity.get(a.entity()).add(a));
            for (int e = 0; e < config.entities(); e++) {
                pumps.add(new Pump(entityId(e), new PumpModel(config.seed(), e), byEntity.get(e)));
            }
        }

        @Override
        public boolean hasNext() {
            return index < perEntity;
        }

        @Override
        public SensorReading next() {
            if (!hasNext()) {
                throw new NoSuchElementException("all " + totalReadings() + " readings were returned");
            }
            Pump pump = pumps.get(entity);
            pump.advance(index);
            SensorReading reading = toReading(pump, config.timestampOf(index));
            if (++entity == pumps.size()) {
                entity = 0;
                index++;
            }
            return reading;
        }

        private SensorReading toReading(Pump pump, Instant timestamp) {
            Map<String, Double> readings = new LinkedHashMap<>();
            for (Channel c : Channel.values()) {
                readings.put(c.id(), pump.values[c.ordinal()]);
            }
            return SensorReading.newBuilder()
                    .setEntityId(pump.id)
                    .setTimestamp(timestamp)
                    .setReadings(readings)
                    .setTags(null)
                    .build();
        }
    }
}
