package io.latentwatch.detect;

import io.latentwatch.LatentwatchException;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelSource;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.DenoisedWindow;
import io.latentwatch.avro.LatentEmbedding;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordCodecs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the detector's topology: readings → per-entity reorder and window state → micro-batched
 * ONNX scoring → adaptive threshold and incident per entity → alerts (and the optional per-window
 * topics). A pure function of its arguments; starting and closing the streams is the caller's business.
 *
 * <p>Every state store is cached: an entity's window, threshold and incident state reaches its
 * changelog once per commit rather than once per reading or window (its window state alone is about
 * 2 KB), and a pending window scored within the commit interval never reaches it at all. Under
 * exactly-once the cache is flushed inside the commit's transaction, so what is restored after a
 * crash is still exactly the committed state.
 */
public final class DetectorTopology {
    public static final String WINDOW_STORE = "entity-windows";
    public static final String PENDING_STORE = "pending-windows";
    public static final String THRESHOLD_STORE = "entity-thresholds";
    public static final String INCIDENT_STORE = "entity-incidents";
    static final String SOURCE = "readings";
    static final String WINDOWING = "windowing";
    /** The name of the node that receives complete windows in {@link #windowed}; sinks of a scorer attach to it. */
    public static final String SCORER = "scoring";
    static final String SCORING = SCORER;
    static final String ALERTS_SINK = "alerts";
    static final String SCORES_SINK = "scores";
    static final String EMBEDDINGS_SINK = "embeddings";
    static final String DENOISED_SINK = "denoised";
    static final String DEAD_LETTER_SINK = "dead-letters";

    private DetectorTopology() {
    }

    /** The topology scoring with one fixed model, owned and closed by the caller. */
    public static Topology build(DetectorConfig config, DetectorModel model, DetectorStats stats) {
        return build(config, ModelSource.fixed(model), stats);
    }

    /**
     * The topology scoring each batch with the model {@code models} gives at that moment (a
     * {@link io.latentwatch.model.ModelRegistry} swaps in new versions while it runs). The optional
     * outputs are checked against the model current now; the registry refuses later models that lack them.
     */
    public static Topology build(DetectorConfig config, ModelSource models, DetectorStats stats) {
        try (ModelSource.Lease lease = models.acquire()) {
            checkOutputs(config, lease.model());
        }
        Topology topology = windowed(config, models, stats, () -> new ScoringProcessor(models, config, stats));
        RecordCodecs codecs = new RecordCodecs(config.wire());
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE),
                Serdes.Long(), Serdes.ByteArray()).withCachingEnabled(), SCORING);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(THRESHOLD_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), SCORING);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCIDENT_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), SCORING);
        StringSerializer keys = new StringSerializer();
        topology.addSink(ALERTS_SINK, config.alertsTopic(), keys, codecs.serializer(AnomalyAlert.getClassSchema(), AvroSerdes.alerts()), SCORING);
        if (config.scoresTopic() != null) {
            topology.addSink(SCORES_SINK, config.scoresTopic(), keys, codecs.serializer(AnomalyScore.getClassSchema(), AvroSerdes.scores()), SCORING);
        }
        if (config.embeddingsTopic() != null) {
            topology.addSink(EMBEDDINGS_SINK, config.embeddingsTopic(), keys, codecs.serializer(LatentEmbedding.getClassSchema(),
                    AvroSerdes.embeddings()),
                    SCORING);
        }
        if (config.denoisedTopic() != null) {
            topology.addSink(DENOISED_SINK, config.denoisedTopic(), keys, codecs.serializer(DenoisedWindow.getClassSchema(),
                    AvroSerdes.denoised()),
                    SCORING);
        }
        return topology;
    }

    /**
     * The detector's input path alone: source, decoding, dead letters, reorder and window state, with
     * {@code scorer} as the node (named {@link #SCORER}) that receives every complete window, keyed by
     * entity. The caller adds the scorer's stores and sinks. The detector itself is built on this, so a
     * peer scorer plugged in here (e.g. by {@code latentwatch bench}) sees exactly the detector's windows.
     */
    public static Topology windowed(DetectorConfig config, ModelSource models, DetectorStats stats,
                                    ProcessorSupplier<String, FreshWindow, String, SpecificRecord> scorer) {
        Topology topology = new Topology();
        topology.addSource(SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.inputTopic());
        RecordCodecs codecs = new RecordCodecs(config.wire());
        topology.addProcessor(WINDOWING, () -> new WindowingProcessor(models, config, stats, codecs), SOURCE);
        topology.addProcessor(SCORING, scorer, WINDOWING);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOW_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingEnabled(), WINDOWING);
        topology.addSink(DEAD_LETTER_SINK, config.deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(),
                WINDOWING);
        return topology;
    }

    private static void checkOutputs(DetectorConfig config, DetectorModel model) {
        if (config.embeddingsTopic() != null && !model.card().onnx().outputs().contains("latent")) {
            throw new LatentwatchException("the embeddings topic needs a model with a 'latent' output; model "
                    + model.name() + " has " + model.card().onnx().outputs());
        }
    }
}
