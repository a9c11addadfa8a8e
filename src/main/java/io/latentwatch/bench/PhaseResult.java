package io.latentwatch.bench;

/**
 * One throughput phase's outcome.
 *
 * @param name the phase ({@code passthrough}, {@code detector}, {@code rcf})
 * @param records input records the topology's own counter saw processed
 * @param committed input offsets committed by the application when the phase ended (all of them)
 * @param seconds from the application reaching RUNNING to its committed offsets covering the whole input
 */
public record PhaseResult(String name, long records, long committed, double seconds) {
    /** Records per second: the records processed over the phase's seconds. */
    public double recordsPerSecond() {
        return records / seconds;
    }
}
