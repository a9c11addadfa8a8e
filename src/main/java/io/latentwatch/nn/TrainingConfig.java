package io.latentwatch.nn;

import io.latentwatch.LatentwatchException;

/**
 * Hyper-parameters of one {@link AutoencoderTrainer#fit} run.
 *
 * @param epochs most passes over the training rows, in [1, 100000]
 * @param batchSize rows per optimiser step, in [1, 65536]; the last batch of an epoch may be smaller
 * @param learningRate Adam step size, in (0, 1]
 * @param weightDecay decoupled (AdamW) weight decay, in [0, 1); 0 disables it
 * @param clipNorm largest global gradient norm per step; 0 disables clipping
 * @param patience epochs without a better validation loss before stopping early, in [0, epochs];
 *     0 disables early stopping
 * @param seed seeds the row shuffling, so equal seeds and data give bit-identical weights
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, double weightDecay, double clipNorm,
        int patience, long seed) {

    public TrainingConfig {
        if (epochs < 1 || epochs > 100_000) {
            throw new LatentwatchException("epochs must be in [1, 100000], got " + epochs);
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new LatentwatchException("batchSize must be in [1, 65536], got " + batchSize);
        }
        if (patience < 0 || patience > epochs) {
            throw new LatentwatchException("patience must be in [0 (off), epochs=" + epochs + "], got " + patience);
        }
        // Range checks for the optimiser's values live in one place.
        AdamConfig.of(learningRate, weightDecay, clipNorm);
    }

    /** Defaults that train the shipped dense models well: 100 epochs, batch 64, lr 1e-3, patience 10. */
    public static TrainingConfig defaults(long seed) {
        return new TrainingConfig(100, 64, 1e-3, 1e-5, 5.0, 10, seed);
    }

    /** The optimiser settings: the usual betas and epsilon with this rate, decay and clipping. */
    public AdamConfig adam() {
        return AdamConfig.of(learningRate, weightDecay, clipNorm);
    }
}
