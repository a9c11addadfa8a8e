package io.latentwatch.replay;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The production topology ({@link DetectorTopology#build}) run in-process by a TopologyTestDriver:
 * records go in with their original key, bytes, headers and timestamp, and alerts and per-window
 * scores come out, with no broker and no wall clock. Wall-clock time stands still until
 * {@link #finish()}, so every batch is scored full and only the last one by the flush punctuator;
 * what is decided does not depend on batching.
 *
 * <p>Owns the driver and its state under {@code stateDir}: {@link #close()} closes it.
 */
final class ReplayDriver implements AutoCloseable {
    private final DetectorConfig config;
    private final DetectorStats stats = new DetectorStats();
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<String, AnomalyAlert> alerts;
    private final TestOutputTopic<String, AnomalyScore> scores;

    /** @param config the detector's settings; its scores topic must be set, the replay reads every window from it */
    ReplayDriver(DetectorConfig config, DetectorModel model, Path stateDir) {
        if (config.scoresTopic() == null) {
            throw new IllegalArgumentException("the replay needs the scores topic enabled to report every window");
        }
        this.config = config;
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "latentwatch-replay");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(DetectorTopology.build(config, model, stats), props);
        this.input = driver.createInputTopic(config.inputTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        StringDeserializer keys = new StringDeserializer();
        this.alerts = driver.createOutputTopic(config.alertsTopic(), keys, AvroSerdes.alertSerde().deserializer());
        this.scores = driver.createOutputTopic(config.scoresTopic(), keys, AvroSerdes.scoreSerde().deserializer());
    }

    void feed(byte[] key, byte[] value, Headers headers, long timestamp) {
        input.pipeInput(new TestRecord<>(key, value, headers, Instant.ofEpochMilli(Math.max(0, timestamp))));
    }

    /** Scores the windows still pending, by firing the flush punctuator once. */
    void finish() {
        driver.advanceWallClockTime(config.flushInterval().plusMillis(1));
    }

    /** Alerts raised since the last call, in the order the topology raised them. */
    List<AnomalyAlert> drainAlerts() {
        return alerts.readValuesToList();
    }

    /** Window scores produced since the last call, in order. */
    List<AnomalyScore> drainScores() {
        return scores.readValuesToList();
    }

    DetectorStats stats() {
        return stats;
    }

    @Override
    public void close() {
        driver.close();
    }
}
