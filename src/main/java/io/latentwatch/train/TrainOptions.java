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
 * @param seasonalLag seasonal differences as extra inputs: their lag in readings, 0 for none, or
 *     {@link #AUTO_SEASONAL_LAG} to detect the season on the training rows
 * @param members autoencoders trained (seeds {@code seed}, {@code seed + 1}, ...) and exported as one
 *     model whose reconstruction is their mean; 1 = a single model
 */
public record TrainOptions(String name, int window, int hop, int[] hidden, int latent, int epochs, int batchSize,
                           double learningRate, int patience, long seed, int trainRows, double validationFraction,
                           double thresholdQuantile, double thresholdMargin, ArchitectureOptions architecture,
                           int seasonalLag, int members) {
    /** The most {@link #members()} an ensemble may have. */
    public static final int MAX_MEMBERS = 16;
    /** {@link #seasonalLag()}: find the season on the training rows ({@code SeasonalDifference.detect}). */
    public static final int AUTO_SEASONAL_LAG = -1;

    /** Options without seasonal differences. */
    public TrainOptions(String name, int window, int hop, int[] hidden, int latent, int epochs, int batchSize,
                        double learningRate, int patience, long seed, int trainRows, double validationFraction,
                        double thresholdQuantile, double thresholdMargin, ArchitectureOptions architecture) {
        this(name, window, hop, hidden, latent, epochs, batchSize, learningRate, patience, seed, trainRows,
                validationFraction, thresholdQuantile, thresholdMargin, architecture, 0);
    }

    /** Options for a single model (no ensemble). */
    public TrainOptions(String name, int window, int hop, int[] hidden, int latent, int epochs, int batchSize,
                        double learningRate, int patience, long seed, int trainRows, double validationFraction,
                        double thresholdQuantile, double thresholdMargin, ArchitectureOptions architecture,
                        int seasonalLag) {
        this(name, window, hop, hidden, latent, epochs, batchSize, learningRate, patience, seed, trainRows,
                validationFraction, thresholdQuantile, thresholdMargin, architecture, seasonalLag, 1);
    }

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
        if (seasonalLag < AUTO_SEASONAL_LAG || seasonalLag > io.latentwatch.features.SeasonalDifference.MAX_LAG) {
            throw new LatentwatchException("seasonal lag must be auto, 0 (none) or in [1, "
                    + io.latentwatch.features.SeasonalDifference.MAX_LAG + "] readings, got " + seasonalLag);
        }
        if (members < 1 || members > MAX_MEMBERS) {
            throw new LatentwatchException("ensemble members must be in [1, " + MAX_MEMBERS + "], got " + members);
        }
        hidden = hidden.clone();
    }

    /** A copy under another name that trains on the first {@code rows} rows (0: all); every other option kept. */
    public TrainOptions withName(String newName, int rows) {
        return new TrainOptions(newName, window, hop, hidden, latent, epochs, batchSize, learningRate, patience, seed,
                rows, validationFraction, thresholdQuantile, thresholdMargin, architecture, seasonalLag, members);
    }

    /** Parses {@code auto}, {@code 0} / {@code off} or a number of readings. */
    public static int parseSeasonalLag(String word) {
        String w = word == null ? "" : word.trim();
        if (w.equals("auto")) {
            return AUTO_SEASONAL_LAG;
        }
        if (w.equals("off")) {
            return 0;
        }
        try {
            int lag = Integer.parseInt(w);
            if (lag >= 0) {
                return lag;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new LatentwatchException("seasonal lag '" + word + "' is not known; expected auto, off, 0 or a number of"
                + " readings >= 1");
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }
}
