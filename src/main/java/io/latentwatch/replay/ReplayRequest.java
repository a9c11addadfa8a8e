package io.latentwatch.replay;

import io.latentwatch.LatentwatchException;
import io.latentwatch.detect.DetectorConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What to replay and where its alerts may go.
 *
 * @param clientConfig Kafka client properties for the reader and the alerts producer; at least
 *     {@code bootstrap.servers}
 * @param topic the topic of SensorReading records to replay
 * @param range which records of it
 * @param detector the detection settings, as the live detector runs them; its topics are replaced
 *     (input = {@code topic}, alerts and scores internal to the replay)
 * @param alertsTopic where to publish the replay's alerts, or null to publish nothing
 * @param force allow {@code alertsTopic} to be the live detector's default alerts topic
 * @param stateDir directory for the replay's local state stores, deleted afterwards; null for a temporary one
 * @param timeout longest wait for metadata, offsets and for the read to make progress
 */
public record ReplayRequest(Map<String, Object> clientConfig, String topic, ReplayRange range,
                            DetectorConfig detector, String alertsTopic, boolean force, Path stateDir,
                            Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final String INTERNAL_ALERTS = "latentwatch-replay-alerts";
    static final String INTERNAL_SCORES = "latentwatch-replay-scores";

    public ReplayRequest {
        if (clientConfig == null || clientConfig.get("bootstrap.servers") == null) {
            throw new LatentwatchException("a replay needs bootstrap.servers among the Kafka client properties");
        }
        clientConfig = Collections.unmodifiableMap(new LinkedHashMap<>(clientConfig));
        if (topic == null || topic.isBlank()) {
            throw new LatentwatchException("a replay needs the topic to read, got '" + topic + "'");
        }
        range = range == null ? ReplayRange.all() : range;
        if (detector == null) {
            throw new LatentwatchException("a replay needs the detector settings");
        }
        if (alertsTopic != null) {
            if (alertsTopic.equals(topic)) {
                throw new LatentwatchException("the replay's alerts topic must differ from the topic it reads, both are '"
                        + topic + "'");
            }
            if (alertsTopic.equals(DetectorConfig.DEFAULT_ALERTS) && !force) {
                throw new LatentwatchException("refusing to write replayed alerts to '" + DetectorConfig.DEFAULT_ALERTS
                        + "', the live detector's alerts topic, where consumers would take them for live alerts; "
                        + "choose another topic, or pass --force if that is really meant");
            }
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new LatentwatchException("timeout must be positive, got " + timeout);
        }
    }

    /** The settings the in-process topology runs with: the live ones, on this topic, with internal outputs. */
    DetectorConfig topologyConfig() {
        String alerts = alertsTopic == null ? INTERNAL_ALERTS : alertsTopic;
        return detector.withTopics(topic, alerts).withOptionalTopics(INTERNAL_SCORES, null, null);
    }
}
