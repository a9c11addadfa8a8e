package io.latentwatch.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Plans where anomalies go, deterministically from the seed.
 *
 * <p>After a warm-up, each entity's timeline is cut into equal slots and every slot holds one
 * anomaly at a random offset, leaving normal readings before the next slot. Kinds are dealt
 * round-robin from a seeded shuffle, slot time first and entity second, so every kind appears
 * once there are five slots, and neighbouring entities get different kinds at about the same
 * time.
 */
final class AnomalySchedule {

    /** Readings at the start of every entity that stay normal, so a detector can settle. */
    static final long WARM_UP = 150;
    /** Readings per slot; one anomaly per slot. */
    static final long SLOT = 300;
    /** Normal readings at least between an anomaly and the next slot. */
    static final long MIN_GAP = 60;
    static final int MIN_LENGTH = 20;
    static final int MAX_LENGTH = 60;
    static final int MIN_SPIKE_LENGTH = 3;
    static final int MAX_SPIKE_LENGTH = 6;

    /** Channels whose normal value is a function of load, so inverting the load decouples them. */
    private static final List<Channel> LOAD_DRIVEN = List.of(Channel.PRESSURE, Channel.CURRENT,
            Channel.FLOW);

    private AnomalySchedule() {
    }

    /** The anomalies of {@code config}, ordered by start index then entity; empty if disabled. */
    static List<PlannedAnomaly> plan(SimulatorConfig config) {
        if (!config.anomalies()) {
            return List.of();
        }
        long slots = (config.readingsPerEntity() - WARM_UP) / SLOT;
        Random random = new Random(Seeds.derive(config.seed(), Seeds.SCHEDULE, 0));
        List<AnomalyKind> kinds = new ArrayList<>(Arrays.asList(AnomalyKind.values()));
        Collections.shuffle(kinds, random);
        List<PlannedAnomaly> planned = new ArrayList<>();
        int dealt = 0;
        for (long slot = 0; slot < slots; slot++) {
            for (int entity = 0; entity < config.entities(); entity++) {
                AnomalyKind kind = kinds.get(dealt++ % kinds.size());
                planned.add(place(kind, entity, WARM_UP + slot * SLOT, random));
            }
        }
        planned.sort(Comparator.comparingLong(PlannedAnomaly::startIndex)
                .thenComparingInt(PlannedAnomaly::entity));
        return List.copyOf(planned);
    }

    private static PlannedAnomaly place(AnomalyKind kind, int entity, long slotStart, Random random) {
        int length = kind == AnomalyKind.SPIKE
                ? between(random, MIN_SPIKE_LENGTH, MAX_SPIKE_LENGTH)
                : between(random, MIN_LENGTH, MAX_LENGTH);
        long start = slotStart + random.nextInt((int) (SLOT - MIN_GAP - length) + 1);
        List<Channel> candidates = kind == AnomalyKind.BROKEN_CORRELATION
                ? LOAD_DRIVEN : List.of(Channel.values());
        Channel channel = candidates.get(random.nextInt(candidates.size()));
        double direction = random.nextBoolean() ? 1.0 : -1.0;
        return new PlannedAnomaly(entity, start, start + length, kind, channel, direction);
    }

    private static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
