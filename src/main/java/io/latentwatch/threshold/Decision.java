package io.latentwatch.threshold;

/**
 * The verdict on one score: whether it is anomalous, and the threshold it was compared with.
 *
 * @param anomalous whether the score was above the threshold
 * @param threshold the threshold in force before this score updated the state, so an alert can
 *     report the value it actually exceeded
 */
public record Decision(boolean anomalous, double threshold) {
}
