package io.latentwatch.model;

import io.latentwatch.features.FeatureSpec;
import io.latentwatch.onnx.OnnxScorer;
import io.latentwatch.onnx.Scores;
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

    public double threshold() {
        return card.threshold().value();
    }

    public Scores score(float[][] windows) {
        return scorer.score(windows);
    }

    @Override
    public void close() {
        scorer.close();
    }
}
