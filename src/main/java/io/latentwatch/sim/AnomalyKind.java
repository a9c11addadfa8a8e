package io.latentwatch.sim;

/** The kinds of fault the simulator injects, each a different challenge for a detector. */
public enum AnomalyKind {
    /** A few readings with a large jump in one channel. */
    SPIKE,
    /** One channel offset by a constant for a stretch. */
    LEVEL_SHIFT,
    /** One channel drifting steadily away from normal over a stretch. */
    DRIFT,
    /** One sensor repeating its last normal value. */
    STUCK,
    /** One load-driven channel following the inverse of the load; every value stays in range. */
    BROKEN_CORRELATION
}
