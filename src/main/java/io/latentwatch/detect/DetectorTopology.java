package io.latentwatch.detect;

import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the detector's topology: readings → per-entity window store → ONNX score → alerts.
 * A pure function of its arguments; starting and closing the streams is the caller's business.
 */
public final class DetectorTopology {
    public static final String WINDOW_STORE = "entity-windows";
    static final String SOURCE = "readings";
    static final String DETECTOR = "detector";
    static final String ALERTS_SINK = "alerts";

    private DetectorTopology() {
    }

    public static Topology build(DetectorConfig config, DetectorModel model, DetectorStats stats) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.inputTopic());
        topology.addProcessor(DETECTOR, () -> new WindowScoringProcessor(model, stats), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
                Serdes.String(), Serdes.ByteArray()), DETECTOR);
        topology.addSink(ALERTS_SINK, config.alertsTopic(), new StringSerializer(),
                AvroSerdes.alertSerde().serializer(), DETECTOR);
        return topology;
    }
}
