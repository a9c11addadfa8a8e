package io.latentwatch.bench;

import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;

/**
 * The model the benchmark's detector scores with: trained in-process, in seconds, on the same
 * synthetic signals the benchmark streams, for the requested channels, window, hop and architecture.
 * Its cost per window is what matters here, not its accuracy.
 */
public final class BenchModel {
    /** Rows of normal history trained on (more for long windows); 80% train, 20% validation. */
    static final int TRAIN_ROWS = 4000;
    static final int EPOCHS = 15;
    static final int[] HIDDEN = {64, 32};
    static final int LATENT = 8;

    private BenchModel() {
    }

    /** Rows trained on: {@link #TRAIN_ROWS}, or enough for the validation part to hold two windows plus hops. */
    static int rows(BenchOptions options) {
        return Math.max(TRAIN_ROWS, 10 * (options.window() + options.hop()));
    }

    /** Trains the model; {@code listener} hears every epoch. The caller owns (closes) the result. */
    public static DetectorModel train(BenchOptions options, SyntheticReadings signals, EpochListener listener) {
        TrainOptions train = new TrainOptions("bench-" + options.architecture().kind().word(), options.window(),
                options.hop(), HIDDEN, LATENT, EPOCHS, 64, 0.002, 0, options.seed(), 0, 0.2, 0.999, 1.5,
                options.architecture());
        int rows = rows(options);
        ModelTrainer.Trained trained = ModelTrainer.train(signals.series(rows, options.seed()),
                new ModelCard.DataSource("synthetic", "bench", 0, rows), train, listener);
        return new DetectorModel(trained.card(), trained.onnx());
    }
}
