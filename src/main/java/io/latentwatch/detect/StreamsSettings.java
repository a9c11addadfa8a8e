package io.latentwatch.detect;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties the detector runs with: exactly-once, RocksDB state, our app id. */
public final class StreamsSettings {
    public static final String DEFAULT_APPLICATION_ID = "latentwatch-detector";

    private StreamsSettings() {
    }

    /**
     * @param stateDir where RocksDB state lives; null for Kafka Streams' default
     * @param overrides any Kafka client or Streams properties, applied last (TLS, SASL, tuning)
     */
    public static Properties of(String bootstrapServers, String applicationId, Path stateDir, Properties overrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // Opt in now to what Kafka 5.0 makes the default, rather than log a warning at every start.
        p.put("processing.exception.handler.global.enabled", true);
        if (stateDir != null) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        }
        if (overrides != null) {
            p.putAll(overrides);
        }
        return p;
    }
}
