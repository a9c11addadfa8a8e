package io.latentwatch.sim;

/** Derives independent, reproducible seeds for each part of a simulation from one user seed. */
final class Seeds {

    static final long SCHEDULE = 0x5C4ED01EL;
    static final long PUMP_PARAMETERS = 0x9A7A4E7EL;
    static final long PUMP_NOISE = 0x4015EL;

    private Seeds() {
    }

    /**
     * A seed for stream {@code purpose} of entity {@code entity}. Mixing (MurmurHash3's
     * finaliser) keeps nearby user seeds and entity numbers from giving correlated sequences.
     */
    static long derive(long seed, long purpose, long entity) {
        long h = seed ^ (purpose * 0x9E3779B97F4A7C15L) ^ (entity * 0xC2B2AE3D27D4EB4FL);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
