package io.latentwatch.model;

import io.latentwatch.LatentwatchException;
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
        this.scorer = new OnnxScorer(onnx, spec.featureSize(), spec.featureChannels(), card.name());
        // The topology asks for the outputs the card lists (latent for embeddings, reconstruction for
        // denoised windows): a card that lists one the graph lacks would fail at the first such window.
        java.util.Set<String> outputs = scorer.outputNames();
        if (!outputs.containsAll(card.onnx().outputs())) {
            scorer.close();
            throw new LatentwatchException("model '" + card.name() + "' card lists outputs " + card.onnx().outputs()
                    + " but its ONNX graph has " + outputs.stream().sorted().toList());
        }
    }

    /**
     * Loads and verifies {@code dir} (see {@link ModelFiles#load}) and opens it in ONNX Runtime.
     *
     * @throws LatentwatchException naming the file for a model that is tampered with, truncated, or whose
     *     graph does not take the input size its card describes
     */
    public static DetectorModel load(Path dir) {
        return open(ModelFiles.load(dir));
    }

    /** Opens verified model files in ONNX Runtime (which checks the graph and its input size), naming the file on failure. */
    static DetectorModel open(ModelFiles.LoadedModel loaded) {
        try {
            return new DetectorModel(loaded.card(), loaded.onnx());
        } catch (RuntimeException e) {
            String file = loaded.card().onnx().file() == null ? ModelFiles.ONNX : loaded.card().onnx().file();
            throw new LatentwatchException("model " + loaded.dir().resolve(file) + " (version "
                    + loaded.card().version() + ") does not load: " + e.getMessage(), e);
        }
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
        return card.startingCalibration();
    }

    public double threshold() {
        return card.threshold().value();
    }

    /**
     * Scores windows. {@link Scores#channelError()} has one column per channel: with seasonal
     * differences, a channel's error includes its difference's, so explanations name the channel.
     * {@link Scores#reconstruction()} is the whole feature vector ({@link FeatureSpec} layout).
     */
    public Scores score(float[][] windows) {
        return perChannel(scorer.score(windows));
    }

    public Scores score(float[][] windows, boolean withReconstruction, boolean withLatent) {
        return perChannel(scorer.score(windows, withReconstruction, withLatent));
    }

    private Scores perChannel(Scores s) {
        int channels = spec.channelCount();
        if (spec.featureChannels() == channels) {
            return s;
        }
        float[][] folded = new float[s.channelError().length][channels];
        for (int i = 0; i < folded.length; i++) {
            for (int c = 0; c < channels; c++) {
                folded[i][c] = s.channelError()[i][c] + s.channelError()[i][channels + c];
            }
        }
        return new Scores(s.score(), folded, s.reconstruction(), s.latent());
    }

    @Override
    public void close() {
        scorer.close();
    }
}
