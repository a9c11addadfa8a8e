package io.latentwatch.detect;

import io.latentwatch.alert.IncidentEvent;
import io.latentwatch.alert.IncidentState;
import io.latentwatch.alert.IncidentStateCodec;
import io.latentwatch.alert.IncidentTracker;
import io.latentwatch.alert.Status;
import io.latentwatch.alert.Transition;
import io.latentwatch.alert.WindowVerdict;
import io.latentwatch.features.Window;
import io.latentwatch.features.FeatureSpec;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelSource;
import io.latentwatch.onnx.Scores;
import io.latentwatch.threshold.AdaptiveThreshold;
import io.latentwatch.threshold.Calibration;
import io.latentwatch.threshold.Decision;
import io.latentwatch.threshold.ThresholdStateCodec;
import io.latentwatch.threshold.Thresholds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Micro-batches complete windows and decides what they mean. Windows wait in the changelogged
 * {@code pending-windows} store (so a batch is never lost between an offset commit and its scoring);
 * when {@code batchSize} are pending, or the flush punctuator fires, they are scored in one ONNX
 * Runtime call, then each window in arrival order updates its entity's adaptive threshold and
 * incident, and the results are forwarded.
 *
 * <p>The punctuator decides only when a batch is scored, never what is decided: scores do not
 * depend on the batch beyond float rounding, and every decision runs in event-time order per entity.
 *
 * <p>A batch is scored and decided with one model, pinned from the {@link ModelSource} for the
 * whole batch: its alerts and scores name that model. A window normalised by an earlier model (cut
 * just before a swap) is renormalised for the model that scores it. Thresholds and incidents are
 * per entity and carry over a swap unchanged.
 */
final class ScoringProcessor implements Processor<String, FreshWindow, String, SpecificRecord> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ScoringProcessor.class);

    private final ModelSource models;
    private final DetectorConfig config;
    private final DetectorStats stats;
    private final IncidentTracker tracker;
    /** The spec that normalised each pending window this incarnation put there (by pending key). */
    private final Map<Long, FeatureSpec> normalisedWith = new HashMap<>();
    private DetectorModel calibratedFor;
    private Calibration calibration;
    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<Long, byte[]> pending;
    private KeyValueStore<String, byte[]> thresholds;
    private KeyValueStore<String, byte[]> incidents;
    private long nextSeq;
    private int pendingCount;
    private boolean resumed;

    ScoringProcessor(ModelSource models, DetectorConfig config, DetectorStats stats) {
        this.models = models;
        this.config = config;
        this.stats = stats;
        this.tracker = new IncidentTracker(config.incidents());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.pending = context.getStateStore(DetectorTopology.PENDING_STORE);
        this.thresholds = context.getStateStore(DetectorTopology.THRESHOLD_STORE);
        this.incidents = context.getStateStore(DetectorTopology.INCIDENT_STORE);
        context.schedule(config.flushInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    /**
     * Counts the windows left pending by a previous incarnation of this task (restored from the
     * changelog after a crash or a migration), so that they keep their place ahead of new ones. Done
     * lazily on first use rather than in {@link #init}, when the task is certainly running on its
     * restored state.
     */
    private void resumePending() {
        if (resumed) {
            return;
        }
        resumed = true;
        try (KeyValueIterator<Long, byte[]> all = pending.all()) {
            while (all.hasNext()) {
                nextSeq = Math.max(nextSeq, all.next().key + 1);
                pendingCount++;
            }
        }
        if (pendingCount > 0) {
            LOG.info("task {}: {} windows pending from before a restart are scored first", context.taskId(),
                    pendingCount);
        }
    }

    @Override
    public void process(Record<String, FreshWindow> record) {
        resumePending();
        normalisedWith.put(nextSeq, record.value().normalisedWith());
        pending.put(nextSeq++, new PendingWindow(record.key(), record.value().window()).toBytes());
        pendingCount++;
        if (pendingCount >= config.batchSize()) {
            flush();
        }
    }

    private void flush() {
        resumePending();
        if (pendingCount == 0) {
            return;
        }
        List<Long> keys = new ArrayList<>(pendingCount);
        List<PendingWindow> windows = new ArrayList<>(pendingCount);
        try (KeyValueIterator<Long, byte[]> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<Long, byte[]> kv = all.next();
                keys.add(kv.key);
                windows.add(PendingWindow.fromBytes(kv.value));
            }
        }
        try (ModelSource.Lease lease = models.acquire()) {
            DetectorModel model = lease.model();
            float[][] features = new float[windows.size()][];
            for (int i = 0; i < features.length; i++) {
                // Windows restored from the changelog have no entry: they are taken as normalised by this model.
                features[i] = renormalise(windows.get(i).window().features(), normalisedWith.get(keys.get(i)),
                        model.spec());
            }
            long started = System.nanoTime(); // measured for the latency metric only; decides nothing
            Scores scores = model.score(features, config.denoisedTopic() != null, config.embeddingsTopic() != null);
            stats.batchScored(features.length, System.nanoTime() - started);
            for (int i = 0; i < features.length; i++) {
                decide(model, windows.get(i), scores, i);
            }
        }
        for (Long key : keys) {
            pending.delete(key);
        }
        normalisedWith.clear();
        pendingCount = 0;
    }

    /** {@code features} normalised with {@code from}, renormalised with {@code to} when they differ. */
    static float[] renormalise(float[] features, FeatureSpec from, FeatureSpec to) {
        if (from == null || from == to || from.equals(to)) {
            return features;
        }
        // Swaps are only between models of the same shape (ModelRegistry), so both layouts agree.
        int channels = to.channelCount();
        int stride = to.featureChannels();
        float[] out = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            int c = i % stride;
            out[i] = c < channels ? to.normalise(c, from.denormalise(c, features[i]))
                    : to.seasonal().normalise(c - channels, from.seasonal().denormalise(c - channels, features[i]));
        }
        return out;
    }

    private void decide(DetectorModel model, PendingWindow p, Scores scores, int i) {
        String entity = p.entity();
        Window window = p.window();
        double score = scores.score()[i];
        AdaptiveThreshold threshold = threshold(entity, model);
        Decision decision = threshold.update(score);
        thresholds.put(entity, ThresholdStateCodec.toBytes(threshold.state()));
        stats.threshold(entity, threshold.current());

        byte[] savedIncident = incidents.get(entity);
        IncidentState state = savedIncident == null ? IncidentState.EMPTY : IncidentStateCodec.decode(savedIncident);
        Transition transition = tracker.onWindow(state, new WindowVerdict(entity, window.start(), window.end(), score,
                decision.threshold(), scores.channelError()[i]));
        incidents.put(entity, IncidentStateCodec.encode(transition.state()));

        long ts = window.end();
        for (IncidentEvent event : transition.events()) {
            if (event.status() == Status.OPEN) {
                stats.incidents.incrementAndGet();
            }
            stats.alerts.incrementAndGet();
            context.forward(new Record<>(entity, Alerts.of(event, model), ts), DetectorTopology.ALERTS_SINK);
        }
        if (config.scoresTopic() != null) {
            context.forward(new Record<>(entity, WindowOutputs.score(entity, window, model, score,
                    decision.threshold(), scores.channelError()[i]), ts), DetectorTopology.SCORES_SINK);
        }
        if (config.embeddingsTopic() != null) {
            context.forward(new Record<>(entity, WindowOutputs.embedding(entity, window, model, scores.latent()[i]), ts),
                    DetectorTopology.EMBEDDINGS_SINK);
        }
        if (config.denoisedTopic() != null) {
            context.forward(new Record<>(entity, WindowOutputs.denoised(entity, window, model,
                    scores.reconstruction()[i]), ts), DetectorTopology.DENOISED_SINK);
        }
    }

    /** The entity's threshold; a new entity's starts from the calibration of the model scoring it. */
    private AdaptiveThreshold threshold(String entity, DetectorModel model) {
        byte[] saved = thresholds.get(entity);
        if (saved != null) {
            return Thresholds.restore(config.threshold(), saved);
        }
        if (calibratedFor != model) {
            calibration = model.calibration();
            calibratedFor = model;
        }
        return Thresholds.create(config.threshold(), calibration, model.threshold());
    }
}
