package io.latentwatch.bench;

import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.eval.RcfBaseline;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelSource;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordCodecs;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;

/**
 * The detector's topology with a Random Cut Forest in place of the autoencoder: the same source,
 * decoding, dead letters and window state ({@link DetectorTopology#windowed}), then one forest per
 * entity per window ({@link RcfScoringProcessor}); flagged windows go to {@code config.alertsTopic()}.
 */
public final class RcfTopology {
    static final String ANOMALIES_SINK = "rcf-anomalies";

    private RcfTopology() {
    }

    /**
     * @param model only cuts and normalises the windows (its channels, window, hop and statistics); it scores nothing
     * @param windows counts the windows the forests scored
     */
    public static Topology build(DetectorConfig config, DetectorModel model, DetectorStats stats, RcfBaseline settings,
                                 AtomicLong windows) {
        Topology topology = DetectorTopology.windowed(config, ModelSource.fixed(model), stats,
                () -> new RcfScoringProcessor(settings, windows));
        topology.addSink(ANOMALIES_SINK, config.alertsTopic(), new StringSerializer(),
                new RecordCodecs(config.wire()).serializer(AnomalyScore.getClassSchema(), AvroSerdes.scores()),
                DetectorTopology.SCORER);
        return topology;
    }
}
