package io.latentwatch.train;

import io.latentwatch.LatentwatchException;

/**
 * What to train: windows, network shape, optimiser settings and threshold calibration.
 *
 * @param name the model's name (its directory under models/)
 * @param window readings per window
 * @param hop readings between the ends of consecutive windows
 * @param hidden widths of the encoder's hidden layers (the decoder mirrors them)
 * @param latent width of the latent layer
 * @param epochs most passes over the training windows
 * @param batchSize windows per optimiser step
 * @param learningRate Adam step size
 * @param patience epochs without validation improvement before stopping early (0: never)
 * @param seed seeds initialisation and shuffling
 * @param trainRows use only the first this many rows of the data (0: all)
 * @param validationFraction the last fraction of the (time-ordered) rows held out for validation
 * @param thresholdQuantile quantile of the validation scores the threshold starts from
 * @param thresholdMargin factor applied to that quantile
 * @param architecture which autoencoder and its specific settings; {@link ArchitectureOptions#DENSE} by default
 */
public record TrainOptions(String name, int window, int hop, int[] hidden, int latent, int epochs, int batchSize,
                           double learningRate, int patience, long seed, int trainRows, double validationFraction,
                           double thresholdQuantile, double thresholdMargin, ArchitectureOptions architecture) {

    /** Options for the plain dense autoencoder. */
    public TrainOptions(String name, int window, int hop, int[] hidden, int latent, int epochs, int batchSize,
                        double learningRate, int patience, long seed, int trainRows, double validationFraction,
                        double thresholdQuantile, double thresholdMargin) {
        this(name, window, hop, hidden, latent, epochs, batchSize, learningRate, patience, seed, trainRows,
                validationFraction, thresholdQuantile, thresholdMargin, ArchitectureOptions.DENSE);
    }

    public TrainOptions {
        if (architecture == null) {
            throw new LatentwatchException("architecture options are required (ArchitectureOptions.DENSE for the"
                    + " plain dense autoencoder)");
        }
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new LatentwatchException("model name '" + name + "' must be 1-100 of A-Z a-z 0-9 . _ -");
        }
        if (trainRows < 0) {
            throw new LatentwatchException("train rows must be >= 0 (0 means all), got " + trainRows);
        }
        if (!(validationFraction > 0 && validationFraction < 0.9)) {
            throw new LatentwatchException("validation fraction must be in (0, 0.9), got " + validationFraction);
        }
        if (!(thresholdQuantile > 0.5 && thresholdQuantile <= 1)) {
            throw new LatentwatchException("threshold quantile must be in (0.5, 1], got " + thresholdQuantile);
        }
        if (!(thresholdMargin >= 1 && thresholdMargin <= 100)) {
            throw new LatentwatchException("threshold margin must be in [1, 100], got " + thresholdMargin);
        }
        hidden = hidden.clone();
    }

    /** A copy with other architecture options. */
    public TrainOptions withArchitecture(ArchitectureOptions newArchitecture) {
        return new TrainOptions(name, window, hop, hidden, latent, epochs, batchSize, learningRate, patience, seed,
                trainRows, validationFraction, thresholdQuantile, thresholdMargin, newArchitecture);
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
