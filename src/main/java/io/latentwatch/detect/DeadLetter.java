package io.latentwatch.detect;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Why an input record could not be used, and the headers that carry that reason to the dead-letter
 * topic beside the record's original key and value bytes.
 */
public enum DeadLetter {
    /** Null or empty value bytes. */
    EMPTY,
    /** Not Avro single-object encoding. */
    BAD_HEADER,
    /** A schema fingerprint no kept schema version has. */
    UNKNOWN_SCHEMA,
    /** A known schema whose body does not decode. */
    CORRUPT_BODY,
    /** No entity id. */
    MISSING_ENTITY,
    /** A reading value that is NaN or infinite. */
    NON_FINITE_VALUE,
    /** A reading value beyond the configured absolute bound. */
    ABSURD_VALUE,
    /** None of the reading's channels is one the model knows. */
    UNKNOWN_CHANNELS,
    /** An event time further ahead of the record's Kafka timestamp than allowed. */
    FUTURE_TIMESTAMP,
    /** An event time before 1970: Kafka timestamps, so the windows it would end up in, cannot be negative. */
    PRE_EPOCH_TIMESTAMP,
    /** Older than a reading of the same entity already placed in order, beyond the grace. */
    LATE;

    public static final String REASON = "latentwatch.dlq.reason";
    public static final String EXCEPTION_CLASS = "latentwatch.dlq.exception.class";
    public static final String EXCEPTION_MESSAGE = "latentwatch.dlq.exception.message";
    public static final String SOURCE_TOPIC = "latentwatch.dlq.source.topic";
    public static final String SOURCE_PARTITION = "latentwatch.dlq.source.partition";
    public static final String SOURCE_OFFSET = "latentwatch.dlq.source.offset";

    /** The original record's headers plus this reason, the detail and where the record came from. */
    Headers headers(Headers original, String exceptionClass, String message, RecordMetadata source) {
        Headers h = new RecordHeaders(original == null ? new org.apache.kafka.common.header.Header[0] : original.toArray());
        h.add(REASON, bytes(name()));
        h.add(EXCEPTION_CLASS, bytes(exceptionClass));
        h.add(EXCEPTION_MESSAGE, bytes(message));
        if (source != null) {
            h.add(SOURCE_TOPIC, bytes(source.topic()));
            h.add(SOURCE_PARTITION, bytes(Integer.toString(source.partition())));
            h.add(SOURCE_OFFSET, bytes(Long.toString(source.offset())));
        }
        return h;
    }

    private static byte[] bytes(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }
}
