package io.latentwatch.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PlantSimulatorTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long SEED = 42;

    /** Five pumps at 1 Hz for 1,350 s: warm-up plus four slots, so twenty anomalies. */
    private static SimulatorConfig config(boolean anomalies, long seed) {
        return new SimulatorConfig(5, 1.0, Duration.ofSeconds(1350), anomalies, seed, START);
    }

    private static List<SensorReading> all(PlantSimulator sim) {
        return sim.readings().toList();
    }

    @Test
    void sameSeedGivesSameReadingsAndScheduleAndOtherSeedDoesNot() {
        PlantSimulator a = new PlantSimulator(config(true, SEED));
        PlantSimulator b = new PlantSimulator(config(true, SEED));
        assertEquals(all(a), all(b));
        assertEquals(a.schedule(), b.schedule());
        assertEquals(all(a), all(a), "every pass starts over");

        PlantSimulator other = new PlantSimulator(config(true, SEED + 1));
        assertNotEquals(all(a), all(other));
        assertNotEquals(a.schedule(), other.schedule());
    }

    @Test
    void readingsAreInterleavedInEventTimeOrderAtTheConfiguredRate() {
        SimulatorConfig cfg = new SimulatorConfig(3, 4.0, Duration.ofSeconds(10), false, SEED, START);
        PlantSimulator sim = new PlantSimulator(cfg);
        List<SensorReading> readings = all(sim);

        assertEquals(40 * 3, readings.size());
        assertEquals(sim.totalReadings(), readings.size());
        assertEquals(List.of("pump-01", "pump-02", "pump-03"), sim.entityIds());
        for (int i = 0; i < readings.size(); i++) {
            SensorReading r = readings.get(i);
            assertEquals(PlantSimulator.entityId(i % 3), r.getEntityId());
            assertEquals(START.plusMillis(250L * (i / 3)), r.getTimestamp());
            assertEquals(Channel.NAMES, List.copyOf(r.getReadings().keySet()));
        }
    }

    @Test
    void anomaliesChangeExactlyTheScheduledChannelAtTheScheduledTimes() {
        PlantSimulator faulty = new PlantSimulator(config(true, SEED));
        List<SensorReading> withFaults = all(faulty);
        List<SensorReading> normal = all(new PlantSimulator(config(false, SEED)));
        List<InjectedAnomaly> schedule = faulty.schedule();
        assertEquals(20, schedule.size());

        int changed = 0;
        for (int i = 0; i < withFaults.size(); i++) {
            SensorReading f = withFaults.get(i);
            SensorReading n = normal.get(i);
            for (String channel : Channel.NAMES) {
                boolean scheduled = schedule.stream().anyMatch(a -> a.channel().equals(channel)
                        && a.covers(f.getEntityId(), f.getTimestamp()));
                boolean differs = !f.getReadings().get(channel).equals(n.getReadings().get(channel));
                assertEquals(scheduled, differs, f.getEntityId() + " " + f.getTimestamp() + " " + channel);
                changed += differs ? 1 : 0;
            }
        }
        long expected = schedule.stream()
                .mapToLong(a -> Duration.between(a.startTime(), a.endTime()).toSeconds()).sum();
        assertEquals(expected, changed, "one changed value per anomalous reading");
    }

    @Test
    void scheduleCoversEveryKindWithoutOverlapAfterWarmUp() {
        PlantSimulator sim = new PlantSimulator(config(true, SEED));
        Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
        Map<String, Instant> lastEnd = new HashMap<>();
        Set<String> entities = new java.util.HashSet<>();
        for (InjectedAnomaly a : sim.schedule()) {
            kinds.add(a.kind());
            entities.add(a.entityId());
            long start = Duration.between(START, a.startTime()).toSeconds();
            long length = Duration.between(a.startTime(), a.endTime()).toSeconds();
            assertTrue(start >= AnomalySchedule.WARM_UP, "after warm-up: " + a);
            assertTrue(length >= 3 && length <= 60, "bounded: " + a);
            Instant previous = lastEnd.put(a.entityId(), a.endTime());
            assertTrue(previous == null || !a.startTime().isBefore(previous), "no overlap: " + a);
        }
        assertEquals(EnumSet.allOf(AnomalyKind.class), kinds);
        assertEquals(Set.copyOf(sim.entityIds()), entities, "spread over every entity");

        // One pump still gets every kind given time; five pumps get every kind at once.
        PlantSimulator single = new PlantSimulator(
                new SimulatorConfig(1, 1.0, Duration.ofSeconds(1650), true, SEED, START));
        assertEquals(EnumSet.allOf(AnomalyKind.class), kindsOf(single));
        PlantSimulator wide = new PlantSimulator(
                new SimulatorConfig(5, 1.0, Duration.ofSeconds(450), true, SEED, START));
        assertEquals(EnumSet.allOf(AnomalyKind.class), kindsOf(wide));
    }

    @Test
    void noAnomaliesWhenDisabledOrTooShort() {
        assertTrue(new PlantSimulator(config(false, SEED)).schedule().isEmpty());
        assertTrue(new PlantSimulator(new SimulatorConfig(5, 1.0, Duration.ofSeconds(449), true,
                SEED, START)).schedule().isEmpty(), "warm-up plus one slot is needed");
    }

    @Test
    void eachKindHasItsShape() {
        SimulatorConfig cfg = config(true, SEED);
        PlantSimulator sim = new PlantSimulator(cfg);
        Map<String, List<SensorReading>> faulty = byEntity(all(sim));
        Map<String, List<SensorReading>> normal = byEntity(all(new PlantSimulator(config(false, SEED))));
        for (InjectedAnomaly a : sim.schedule()) {
            int from = (int) Duration.between(START, a.startTime()).toSeconds();
            int to = (int) Duration.between(START, a.endTime()).toSeconds();
            double[] delta = new double[to - from];
            double[] values = new double[to - from];
            for (int i = from; i < to; i++) {
                values[i - from] = value(faulty, a.entityId(), i, a.channel());
                delta[i - from] = values[i - from] - value(normal, a.entityId(), i, a.channel());
            }
            double dev = Channel.valueOf(a.channel().toUpperCase()).deviation();
            switch (a.kind()) {
                case SPIKE -> {
                    for (double d : delta) {
                        assertEquals(4 * dev, d, 1e-9, a.toString());
                    }
                }
                case LEVEL_SHIFT -> {
                    for (double d : delta) {
                        assertEquals(1.5 * dev, Math.abs(d), 1e-9, a.toString());
                    }
                }
                case DRIFT -> {
                    for (int k = 1; k < delta.length; k++) {
                        assertTrue(Math.abs(delta[k]) > Math.abs(delta[k - 1]), "grows: " + a);
                    }
                    assertEquals(2.5 * dev, Math.abs(delta[delta.length - 1]), 1e-9, a.toString());
                }
                case STUCK -> {
                    double before = value(faulty, a.entityId(), from - 1, a.channel());
                    for (double v : values) {
                        assertEquals(before, v, 0.0, "repeats the last value: " + a);
                    }
                }
                case BROKEN_CORRELATION -> {
                    double[] load = new double[to - from];
                    int entity = sim.entityIds().indexOf(a.entityId());
                    for (int i = from; i < to; i++) {
                        load[i - from] = sim.load(entity, i);
                    }
                    assertTrue(correlation(values, load) < 0, "against the load: " + a);
                }
            }
        }
    }

    @Test
    void normalPlantHasPhysicalCorrelations() {
        SimulatorConfig cfg = new SimulatorConfig(2, 1.0, Duration.ofSeconds(1200), false, SEED, START);
        PlantSimulator sim = new PlantSimulator(cfg);
        Map<String, List<SensorReading>> byEntity = byEntity(all(sim));
        for (int e = 0; e < 2; e++) {
            List<SensorReading> rs = byEntity.get(PlantSimulator.entityId(e));
            double[] load = new double[rs.size()];
            for (int i = 0; i < load.length; i++) {
                load[i] = sim.load(e, i);
            }
            assertTrue(correlation(channel(rs, "current"), load) > 0.9);
            assertTrue(correlation(channel(rs, "flow"), load) > 0.9);
            assertTrue(correlation(channel(rs, "pressure"), load) > 0.9);
            assertTrue(correlation(channel(rs, "rpm"), load) > 0.9);
            assertTrue(correlation(channel(rs, "vibration"), channel(rs, "rpm")) > 0.8);
            // Temperature lags the load: it matches a delayed load better than the present one.
            double[] temperature = channel(rs, "temperature");
            int lag = 25;
            double now = correlation(temperature, load);
            double lagged = correlation(java.util.Arrays.copyOfRange(temperature, lag, temperature.length),
                    java.util.Arrays.copyOfRange(load, 0, load.length - lag));
            assertTrue(lagged > now + 0.1 && lagged > 0.9, "now " + now + ", lagged " + lagged);
        }
    }

    @Test
    void valuesStayPhysicallyPlausibleEvenDuringAnomalies() {
        for (long seed = 1; seed <= 8; seed++) {
            assertPlausible(new PlantSimulator(config(true, seed)));
        }
    }

    private static void assertPlausible(PlantSimulator sim) {
        for (SensorReading r : sim) {
            Map<String, Double> v = r.getReadings();
            assertTrue(v.get("vibration") > 0 && v.get("vibration") < 10, r.toString());
            assertTrue(v.get("temperature") > 20 && v.get("temperature") < 110, r.toString());
            assertTrue(v.get("pressure") > 0 && v.get("pressure") < 10, r.toString());
            assertTrue(v.get("current") > 0 && v.get("current") < 70, r.toString());
            assertTrue(v.get("flow") > 0 && v.get("flow") < 200, r.toString());
            assertTrue(v.get("rpm") > 800 && v.get("rpm") < 2500, r.toString());
        }
    }

    @Test
    void badConfigsAreRefusedNamingTheValue() {
        Duration d = Duration.ofMinutes(1);
        assertRefused("entities", "0", () -> new SimulatorConfig(0, 1, d, true, SEED, START));
        assertRefused("entities", "10001", () -> new SimulatorConfig(10_001, 1, d, true, SEED, START));
        assertRefused("ratePerSecond", "-1.0", () -> new SimulatorConfig(1, -1, d, true, SEED, START));
        assertRefused("ratePerSecond", "NaN", () -> new SimulatorConfig(1, Double.NaN, d, true, SEED, START));
        assertRefused("ratePerSecond", "2000.0", () -> new SimulatorConfig(1, 2000, d, true, SEED, START));
        assertRefused("duration", "PT0S", () -> new SimulatorConfig(1, 1, Duration.ZERO, true, SEED, START));
        assertRefused("duration", "PT-1S", () -> new SimulatorConfig(1, 1, Duration.ofSeconds(-1), true, SEED, START));
        assertRefused("duration", "null", () -> new SimulatorConfig(1, 1, null, true, SEED, START));
        assertRefused("duration", "PT0.5S", () -> new SimulatorConfig(1, 1, Duration.ofMillis(500), true, SEED, START));
        assertRefused("start", "null", () -> new SimulatorConfig(1, 1, d, true, SEED, null));
    }

    @Test
    void iteratorEndsCleanly() {
        var it = new PlantSimulator(new SimulatorConfig(1, 10, Duration.ofMillis(300), false, SEED, START)).iterator();
        for (int i = 0; i < 3; i++) {
            it.next();
        }
        assertFalse(it.hasNext());
        assertThrows(java.util.NoSuchElementException.class, it::next);
    }

    private static void assertRefused(String name, String value, Executable build) {
        LatentwatchException e = assertThrows(LatentwatchException.class, build);
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(value), e.getMessage());
    }

    private static Set<AnomalyKind> kindsOf(PlantSimulator sim) {
        Set<AnomalyKind> kinds = EnumSet.noneOf(AnomalyKind.class);
        sim.schedule().forEach(a -> kinds.add(a.kind()));
        return kinds;
    }

    private static Map<String, List<SensorReading>> byEntity(List<SensorReading> readings) {
        Map<String, List<SensorReading>> out = new HashMap<>();
        readings.forEach(r -> out.computeIfAbsent(r.getEntityId(), k -> new ArrayList<>()).add(r));
        return out;
    }

    private static double value(Map<String, List<SensorReading>> byEntity, String entity, int index,
            String channel) {
        return byEntity.get(entity).get(index).getReadings().get(channel);
    }

    private static double[] channel(List<SensorReading> readings, String channel) {
        return readings.stream().mapToDouble(r -> r.getReadings().get(channel)).toArray();
    }

    private static double correlation(double[] x, double[] y) {
        double mx = java.util.Arrays.stream(x).average().orElseThrow();
        double my = java.util.Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
