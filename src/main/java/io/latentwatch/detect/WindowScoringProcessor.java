package io.latentwatch.detect;

import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.Window;
import io.latentwatch.features.WindowBuffer;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordDecodingException;
import io.latentwatch.onnx.Scores;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes readings, keeps each entity's last window in a state store, scores complete windows and
 * forwards an alert for each window whose score exceeds the model's threshold.
 */
final class WindowScoringProcessor implements Processor<byte[], byte[], String, AnomalyAlert> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowScoringProcessor.class);

    private final DetectorModel model;
    private final FeatureSpec spec;
    private final DetectorStats stats;
    private ProcessorContext<String, AnomalyAlert> context;
    private KeyValueStore<String, byte[]> windows;

    WindowScoringProcessor(DetectorModel model, DetectorStats stats) {
        this.model = model;
        this.spec = model.spec();
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<String, AnomalyAlert> context) {
        this.context = context;
        this.windows = context.getStateStore(DetectorTopology.WINDOW_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        stats.records.incrementAndGet();
        SensorReading reading;
        try {
            reading = AvroSerdes.readings().decode(record.value());
        } catch (RecordDecodingException e) {
            skip(e.reason().name(), e.getMessage());
            return;
        }
        String entity = reading.getEntityId();
        if (entity == null || entity.isBlank()) {
            skip("MISSING_ENTITY", "reading has no entity id");
            return;
        }
        byte[] saved = windows.get(entity);
        WindowBuffer buffer = saved == null ? new WindowBuffer(spec) : WindowBuffer.fromBytes(saved, spec);
        long imputedBefore = buffer.imputed();
        boolean complete = buffer.add(reading.getTimestamp().toEpochMilli(), row(reading.getReadings()));
        stats.imputed.addAndGet(buffer.imputed() - imputedBefore);
        windows.put(entity, buffer.toBytes());
        if (complete) {
            score(entity, buffer.window(spec));
        }
    }

    /** The reading's values in model channel order; NaN (missing) for absent or non-finite values. */
    private double[] row(Map<String, Double> readings) {
        double[] row = new double[spec.channelCount()];
        for (int c = 0; c < row.length; c++) {
            Double v = readings.get(spec.channels().get(c));
            row[c] = v == null || !Double.isFinite(v) ? Double.NaN : v;
        }
        return row;
    }

    private void score(String entity, Window window) {
        Scores scores = model.score(new float[][] {window.features()});
        stats.windows.incrementAndGet();
        double score = scores.score()[0];
        double threshold = model.threshold();
        if (score > threshold) {
            AnomalyAlert alert = Alerts.alert(entity, window, score, threshold, model, scores.channelError()[0]);
            stats.alerts.incrementAndGet();
            context.forward(new Record<>(entity, alert, window.end()));
        }
    }

    private void skip(String reason, String message) {
        stats.skipped.incrementAndGet();
        String where = context.recordMetadata()
                .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
                .orElse("unknown position");
        LOG.warn("skipped record {} ({}): {}", where, reason, message);
    }
}
