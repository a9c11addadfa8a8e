package io.latentwatch.bench;

import com.amazon.randomcutforest.config.TransformMethod;
import com.amazon.randomcutforest.parkservices.AnomalyDescriptor;
import com.amazon.randomcutforest.parkservices.ThresholdedRandomCutForest;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.detect.FreshWindow;
import io.latentwatch.eval.RcfBaseline;
import io.latentwatch.features.Window;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The peer scorer of the benchmark: one ThresholdedRandomCutForest per entity, configured as
 * {@link RcfBaseline} configures it, scoring (and learning from) each window's normalised feature
 * vector as one point; windows its threshold flags are forwarded as {@link AnomalyScore}s.
 *
 * <p>The forests live in memory only, not in a changelogged store: serialising a forest per window
 * would cost far more than scoring it, so this favours the peer; the benchmark says so.
 */
final class RcfScoringProcessor implements Processor<String, FreshWindow, String, SpecificRecord> {
    private final RcfBaseline settings;
    private final AtomicLong windows;
    private final Map<String, ThresholdedRandomCutForest> forests = new HashMap<>();
    private ProcessorContext<String, SpecificRecord> context;

    RcfScoringProcessor(RcfBaseline settings, AtomicLong windows) {
        this.settings = settings;
        this.windows = windows;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, FreshWindow> record) {
        Window window = record.value().window();
        float[] features = window.features();
        double[] point = new double[features.length];
        for (int i = 0; i < point.length; i++) {
            point[i] = features[i];
        }
        ThresholdedRandomCutForest forest = forests.computeIfAbsent(record.key(), e -> forest(point.length));
        AnomalyDescriptor d = forest.process(point, window.end());
        windows.incrementAndGet();
        if (d.getAnomalyGrade() > 0) {
            context.forward(new Record<>(record.key(), AnomalyScore.newBuilder().setEntityId(record.key())
                    .setWindowStart(Instant.ofEpochMilli(window.start())).setWindowEnd(Instant.ofEpochMilli(window.end()))
                    .setModelName("rcf").setModelVersion("parkservices-4.4.0").setScore(d.getRCFScore())
                    .setThreshold(d.getThreshold()).setAboveThreshold(true).setChannelErrors(Map.of()).build(),
                    window.end()), RcfTopology.ANOMALIES_SINK);
        }
    }

    private ThresholdedRandomCutForest forest(int dimensions) {
        return ThresholdedRandomCutForest.builder().dimensions(dimensions).shingleSize(1)
                .numberOfTrees(settings.trees()).sampleSize(settings.sampleSize()).randomSeed(settings.seed())
                .transformMethod(TransformMethod.NORMALIZE).anomalyRate(0.005).build();
    }
}
