package io.latentwatch.bench;

/**
 * The latency phase's outcome.
 *
 * @param rate readings per second the producer was asked to offer
 * @param sent readings sent
 * @param sentRate readings per second it actually sent (below {@code rate} when the machine cannot keep up)
 * @param samples scores measured (after the warm-up)
 * @param p50Ms median event-to-score latency, ms
 * @param p99Ms 99th percentile, ms
 */
public record LatencyResult(double rate, long sent, double sentRate, int samples, double p50Ms, double p99Ms) {
}
