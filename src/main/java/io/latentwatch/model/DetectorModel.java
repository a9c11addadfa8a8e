package io.latentwatch.model;

import io.latentwatch.features.FeatureSpec;
import io.latentwatch.onnx.OnnxScorer;
import io.latentwatch.onnx.Scores;
import io.latentwatch.threshold.Calibration;
import java.nio.file.Path;

/**
 * A loaded, verified model ready to score: its card, its feature definition and an ONNX Runtime
 * session. Owns native memory; close it when the model is retired.
 */
public final class DetectorModel implements AutoCloseable {
    private final ModelCard card;
    private final FeatureSpec spec;
    private final OnnxScorer scorer;

    public DetectorModel(ModelCard card, byte[] onnx) {
        this.card = card;
        this.spec = card.featureSpec();
        this.scorer = new OnnxScorer(onnx, spec.featureSize(), spec.channelCount(), card.name());
    }

    /** Loads and verifies {@code dir} (see {@link ModelFiles#load}). */
    public static DetectorModel load(Path dir) {
        ModelFiles.LoadedModel loaded = ModelFiles.load(dir);
        return new DetectorModel(loaded.card(), loaded.onnx());
    }

    public ModelCard card() {
        return card;
    }

    public FeatureSpec spec() {
        return spec;
    }

    public String name() {
        return card.name();
    }

    public String version() {
        return card.version();
    }

    /** The calibration every new entity's adaptive threshold starts from. */
    public Calibration calibration() {
        double[] sample = card.calibration();
        if (sample != null && sample.length > 0) {
            return Calibration.fromArray(sample);
        }
        ModelCard.Quantiles q = card.validationScores();
        return Calibration.fromQuantiles(q.p50(), q.p90(), q.p99(), q.p999(), q.max());
    }

    public double threshold() {
        return card.threshold().value();
    }

    public Scores score(float[][] windows) {
        return scorer.score(windows);
    }

    public Scores score(float[][] windows, boolean withReconstruction, boolean withLatent) {
        return scorer.score(windows, withReconstruction, withLatent);
    }

    @Override
    public void close() {
        scorer.close();
    }
}
