package io.latentwatch.generate;

import io.latentwatch.avro.SensorReading;

/**
 * Where generated readings go: a Kafka topic or a file. Owns what it writes to; {@link #close()}
 * flushes and releases it and reports a failed write that was not reported yet.
 */
public interface ReadingSink extends AutoCloseable {

    /** Writes one reading; readings arrive in event-time order. */
    void write(SensorReading reading);

    /** A short description for the summary line, e.g. {@code topic readings} or {@code out.csv}. */
    String describe();

    @Override
    void close();
}
