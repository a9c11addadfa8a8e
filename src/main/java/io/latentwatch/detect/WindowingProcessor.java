package io.latentwatch.detect;

import io.latentwatch.avro.SensorReading;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.features.TimeBuckets;
import io.latentwatch.features.Window;
import io.latentwatch.features.WindowBuffer;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelSource;
import io.latentwatch.serde.RecordCodecs;
import io.latentwatch.serde.RecordDecodingException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes readings, restores each entity's event-time order within the grace, keeps its last window
 * in the {@code entity-windows} store and forwards every complete window to the scorer.
 *
 * <p>Each record is windowed with the model current when it arrives (pinned for that record);
 * models that may replace each other share channels, window and hop, so the state fits either.
 */
final class WindowingProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowingProcessor.class);

    private final ModelSource models;
    private final DetectorConfig config;
    private final DetectorStats stats;
    private final RecordCodecs codecs;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> store;

    WindowingProcessor(ModelSource models, DetectorConfig config, DetectorStats stats, RecordCodecs codecs) {
        this.codecs = codecs;
        this.models = models;
        this.config = config;
        this.stats = stats;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(DetectorTopology.WINDOW_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        stats.records.incrementAndGet();
        try (ModelSource.Lease lease = models.acquire()) {
            process(record, lease.model());
        }
    }

    private void process(Record<byte[], byte[]> record, DetectorModel model) {
        SensorReading reading;
        try {
            reading = codecs.decodeReading(record.value());
        } catch (RecordDecodingException e) {
            deadLetter(record, DeadLetter.valueOf(e.reason().name()), e);
            return;
        }
        String entity = reading.getEntityId();
        if (entity == null || entity.isBlank()) {
            deadLetter(record, DeadLetter.MISSING_ENTITY, "reading has no entity id");
            return;
        }
        ReadingChecks.Problem problem = ReadingChecks.problem(reading, model.card().inputChannels(), config,
                record.timestamp());
        if (problem != null) {
            deadLetter(record, problem.reason(), problem.message());
            return;
        }
        byte[] saved = store.get(entity);
        EntityWindows state = saved == null ? EntityWindows.fresh(model, config)
                : EntityWindows.fromBytes(saved, model, config);
        WindowBuffer buffer = state.windows();
        long imputedBefore = buffer.imputed();
        long skippedBefore = buffer.skippedWindows();
        long resetsBefore = buffer.gapResets();
        TimeBuckets buckets = state.buckets();
        boolean placed = state.reorder().offer(reading.getTimestamp().toEpochMilli(), row(model, reading.getReadings()),
                (timestamp, row) -> {
                    if (buckets == null) {
                        addToWindow(entity, buffer, model.spec(), timestamp, row);
                    } else {
                        buckets.add(timestamp, row, (end, aggregates) -> addToWindow(entity, buffer, model.spec(), end - 1, aggregates));
                    }
                });
        if (!placed) {
            stats.late.incrementAndGet();
            deadLetter(record, DeadLetter.LATE, "reading of " + entity + " at " + reading.getTimestamp()
                    + " is older than one already placed in order (grace " + config.graceMs() + " ms)");
        }
        stats.imputed.addAndGet(buffer.imputed() - imputedBefore);
        stats.skippedWindows.addAndGet(buffer.skippedWindows() - skippedBefore);
        stats.gapResets.addAndGet(buffer.gapResets() - resetsBefore);
        store.put(entity, state.toBytes());
    }

    private void addToWindow(String entity, WindowBuffer buffer, FeatureSpec spec, long timestamp, double[] row) {
        if (buffer.add(timestamp, row)) {
            Window window = buffer.window(spec);
            context.forward(new Record<Object, Object>(entity, new FreshWindow(window, spec), window.end()),
                    DetectorTopology.SCORING);
        }
    }

    /** The reading's values in the model's input channel order; NaN (missing) for absent or non-finite values. */
    private static double[] row(DetectorModel model, Map<String, Double> readings) {
        List<String> channels = model.card().inputChannels();
        double[] row = new double[channels.size()];
        for (int c = 0; c < row.length; c++) {
            Double v = readings.get(channels.get(c));
            row[c] = v == null || !Double.isFinite(v) ? Double.NaN : v;
        }
        return row;
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetter reason, Exception e) {
        deadLetter(record, reason, e.getClass().getName(), e.getMessage());
    }

    private void deadLetter(Record<byte[], byte[]> record, DeadLetter reason, String message) {
        deadLetter(record, reason, "", message);
    }

    /** Sends the record's original bytes to the dead-letter topic with the reason in its headers. */
    private void deadLetter(Record<byte[], byte[]> record, DeadLetter reason, String exceptionClass, String message) {
        stats.deadLetter(reason);
        var source = context.recordMetadata().orElse(null);
        LOG.debug("dead letter {} from {}: {}", reason, source == null ? "?" : source.topic() + "-"
                + source.partition() + "@" + source.offset(), message);
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                reason.headers(record.headers(), exceptionClass, message, source)), DetectorTopology.DEAD_LETTER_SINK);
    }
}
