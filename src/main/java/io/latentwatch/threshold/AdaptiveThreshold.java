package io.latentwatch.threshold;

/**
 * One entity's alert threshold, which learns from that entity's scores.
 *
 * <p>Lifecycle: made by {@link Thresholds#create} from a calibration or by {@link Thresholds#restore}
 * from a saved {@link ThresholdState}; then fed every score of the entity, in event-time order, through
 * {@link #update}. An instance is a small mutable state machine for one thread; whatever it decides is
 * a function of its state and the score alone (no clock, no randomness), so a replay, or a restore from
 * {@link #state()} in another instance, gives the same decisions bit for bit.
 *
 * <p>Scores judged anomalous never change the state: an incident must not teach the threshold that
 * the incident is normal.
 */
public interface AdaptiveThreshold {

    /**
     * Judges one score against the current threshold, then learns from it if it was normal.
     *
     * @param score the window's anomaly score; must be finite
     * @return the verdict, with the threshold in force before this update
     * @throws io.latentwatch.LatentwatchException if the score is NaN or infinite
     */
    Decision update(double score);

    /** The threshold the next score will be compared with. */
    double current();

    /** An immutable snapshot of everything {@link #update} depends on; the persisted form. */
    ThresholdState state();
}
