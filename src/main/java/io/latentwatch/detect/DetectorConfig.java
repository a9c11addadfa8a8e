package io.latentwatch.detect;

import io.latentwatch.LatentwatchException;

/**
 * The topology's own settings (Kafka client settings live in the Streams properties).
 *
 * @param inputTopic topic of Avro SensorReading records, keyed by entity id
 * @param alertsTopic topic the AnomalyAlert records go to, keyed by entity id
 */
public record DetectorConfig(String inputTopic, String alertsTopic) {
    public static final String DEFAULT_INPUT = "sensor-readings";
    public static final String DEFAULT_ALERTS = "anomaly-alerts";

    public DetectorConfig {
        requireTopic(inputTopic, "input topic");
        requireTopic(alertsTopic, "alerts topic");
        if (inputTopic.equals(alertsTopic)) {
            throw new LatentwatchException("input and alerts topics must differ, both are '" + inputTopic + "'");
        }
    }

    public static DetectorConfig defaults() {
        return new DetectorConfig(DEFAULT_INPUT, DEFAULT_ALERTS);
    }

    private static void requireTopic(String topic, String what) {
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new LatentwatchException(what + " '" + topic
                    + "' is not a valid Kafka topic name (1-249 of a-z A-Z 0-9 . _ -)");
        }
    }
}
