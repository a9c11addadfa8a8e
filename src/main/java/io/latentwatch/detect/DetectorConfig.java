package io.latentwatch.detect;

import io.latentwatch.LatentwatchException;
import io.latentwatch.alert.IncidentConfig;
import io.latentwatch.features.GapPolicy;
import io.latentwatch.serde.WireSettings;
import io.latentwatch.threshold.ThresholdConfig;
import java.time.Duration;

/**
 * The topology's own settings (Kafka client settings live in the Streams properties). Optional
 * topics are off when null.
 *
 * @param inputTopic topic of Avro SensorReading records, keyed by entity id
 * @param alertsTopic topic the AnomalyAlert records go to, keyed by entity id
 * @param scoresTopic every window's AnomalyScore, or null for none
 * @param embeddingsTopic every window's LatentEmbedding, or null for none
 * @param denoisedTopic every window's DenoisedWindow (reconstruction in original units), or null for none
 * @param graceMs how long (event time) a reading may arrive after newer ones and still be placed in order
 * @param gapPolicy missing values and silences
 * @param batchSize windows scored together in one ONNX Runtime call
 * @param flushInterval the longest a pending window waits (wall time) for its batch to fill
 * @param threshold the per-entity adaptive threshold
 * @param incidents when incidents open, update and close
 * @param deadLetterTopic where unusable input records go with their reason; null for {@code <input>.dlq}
 * @param maxAbsValue a reading value beyond plus or minus this is absurd and dead-lettered
 * @param maxFutureMs a reading whose event time is further ahead of its record's timestamp is dead-lettered
 * @param wire the output topics' Avro framing and the schema registry (input framing is detected per record)
 */
public record DetectorConfig(String inputTopic, String alertsTopic, String scoresTopic, String embeddingsTopic,
                             String denoisedTopic, long graceMs, GapPolicy gapPolicy, int batchSize,
                             Duration flushInterval, ThresholdConfig threshold, IncidentConfig incidents,
                             String deadLetterTopic, double maxAbsValue, long maxFutureMs, WireSettings wire) {
    public static final double DEFAULT_MAX_ABS_VALUE = 1e12;
    public static final long DEFAULT_MAX_FUTURE_MS = Duration.ofHours(1).toMillis();

    /** The dead-letter topic: the configured one, or the input topic's name with {@code .dlq}. */
    public String deadLetters() {
        return deadLetterTopic != null ? deadLetterTopic : inputTopic + ".dlq";
    }

    /** Settings as before the dead-letter options existed: default topic and bounds. */
    public DetectorConfig(String inputTopic, String alertsTopic, String scoresTopic, String embeddingsTopic,
                          String denoisedTopic, long graceMs, GapPolicy gapPolicy, int batchSize,
                          Duration flushInterval, ThresholdConfig threshold, IncidentConfig incidents) {
        this(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, graceMs, gapPolicy, batchSize,
                flushInterval, threshold, incidents, null, DEFAULT_MAX_ABS_VALUE, DEFAULT_MAX_FUTURE_MS,
                WireSettings.singleObject());
    }
    public static final String DEFAULT_INPUT = "sensor-readings";
    public static final String DEFAULT_ALERTS = "anomaly-alerts";
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);
    public static final int MAX_BATCH_SIZE = 4096;

    public DetectorConfig {
        requireTopic(inputTopic, "input topic");
        requireTopic(alertsTopic, "alerts topic");
        for (String optional : new String[] {scoresTopic, embeddingsTopic, denoisedTopic}) {
            if (optional != null) {
                requireTopic(optional, "output topic");
                if (optional.equals(inputTopic)) {
                    throw new LatentwatchException("output topic '" + optional + "' must differ from the input topic");
                }
            }
        }
        if (inputTopic.equals(alertsTopic)) {
            throw new LatentwatchException("input and alerts topics must differ, both are '" + inputTopic + "'");
        }
        if (graceMs < 0 || graceMs > Duration.ofDays(7).toMillis()) {
            throw new LatentwatchException("grace must be in [0, 7 days] (in ms), got " + graceMs);
        }
        if (gapPolicy == null) {
            throw new LatentwatchException("a gap policy is required");
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new LatentwatchException("batch size must be in [1, " + MAX_BATCH_SIZE + "] windows, got " + batchSize);
        }
        if (flushInterval == null || flushInterval.toMillis() < 1 || flushInterval.toMinutes() > 10) {
            throw new LatentwatchException("flush interval must be in [1 ms, 10 min], got " + flushInterval);
        }
        if (threshold == null || incidents == null) {
            throw new LatentwatchException("threshold and incident settings are required");
        }
        if (deadLetterTopic != null) {
            requireTopic(deadLetterTopic, "dead-letter topic");
            if (deadLetterTopic.equals(inputTopic) || deadLetterTopic.equals(alertsTopic)) {
                throw new LatentwatchException("dead-letter topic '" + deadLetterTopic
                        + "' must differ from the input and alerts topics");
            }
        }
        if (wire == null) {
            throw new LatentwatchException("wire settings are required");
        }
        if (!(maxAbsValue > 0)) {
            throw new LatentwatchException("max absolute value must be > 0, got " + maxAbsValue);
        }
        if (maxFutureMs < 0) {
            throw new LatentwatchException("max future must be >= 0 ms, got " + maxFutureMs);
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(DEFAULT_INPUT, DEFAULT_ALERTS, null, null, null, 0, GapPolicy.defaults(),
                DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, ThresholdConfig.defaults(), IncidentConfig.DEFAULT, null,
                DEFAULT_MAX_ABS_VALUE, DEFAULT_MAX_FUTURE_MS, WireSettings.singleObject());
    }

    public DetectorConfig withTopics(String input, String alerts) {
        return new DetectorConfig(input, alerts, scoresTopic, embeddingsTopic, denoisedTopic, graceMs, gapPolicy,
                batchSize, flushInterval, threshold, incidents, deadLetterTopic, maxAbsValue, maxFutureMs, wire);
    }

    public DetectorConfig withOptionalTopics(String scores, String embeddings, String denoised) {
        return new DetectorConfig(inputTopic, alertsTopic, scores, embeddings, denoised, graceMs, gapPolicy, batchSize,
                flushInterval, threshold, incidents, deadLetterTopic, maxAbsValue, maxFutureMs, wire);
    }

    public DetectorConfig withGrace(long grace) {
        return new DetectorConfig(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, grace,
                gapPolicy, batchSize, flushInterval, threshold, incidents, deadLetterTopic, maxAbsValue, maxFutureMs, wire);
    }

    public DetectorConfig withGapPolicy(GapPolicy policy) {
        return new DetectorConfig(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, graceMs, policy,
                batchSize, flushInterval, threshold, incidents, deadLetterTopic, maxAbsValue, maxFutureMs, wire);
    }

    public DetectorConfig withBatching(int size, Duration interval) {
        return new DetectorConfig(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, graceMs,
                gapPolicy, size, interval, threshold, incidents, deadLetterTopic, maxAbsValue, maxFutureMs, wire);
    }

    public DetectorConfig withThreshold(ThresholdConfig value) {
        return new DetectorConfig(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, graceMs,
                gapPolicy, batchSize, flushInterval, value, incidents, deadLetterTopic, maxAbsValue, maxFutureMs, wire);
    }

    public DetectorConfig withIncidents(IncidentConfig value) {
        return new DetectorConfig(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, graceMs,
                gapPolicy, batchSize, flushInterval, threshold, value, deadLetterTopic, maxAbsValue, maxFutureMs, wire);
    }

    public DetectorConfig withDeadLetters(String topic, double maxAbs, long maxFuture) {
        return new DetectorConfig(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, graceMs,
                gapPolicy, batchSize, flushInterval, threshold, incidents, topic, maxAbs, maxFuture, wire);
    }

    public DetectorConfig withWire(WireSettings value) {
        return new DetectorConfig(inputTopic, alertsTopic, scoresTopic, embeddingsTopic, denoisedTopic, graceMs,
                gapPolicy, batchSize, flushInterval, threshold, incidents, deadLetterTopic, maxAbsValue, maxFutureMs,
                value);
    }

    private static void requireTopic(String topic, String what) {
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new LatentwatchException(what + " '" + topic
                    + "' is not a valid Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)");
        }
    }
}
