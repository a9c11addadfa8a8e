package io.latentwatch.nn;

/**
 * Hears about every finished epoch of a training run, e.g. to drive a progress bar or a log line.
 *
 * <p>Called on the training thread after the validation loss is known; a slow listener slows training.
 * It must not change the model.
 */
@FunctionalInterface
public interface EpochListener {
    /** A listener that ignores every epoch. */
    EpochListener NONE = (epoch, epochs, trainLoss, validationLoss, best) -> { };

    /**
     * @param epoch the finished epoch, counted from 1
     * @param epochs the most epochs the run may take
     * @param trainLoss mean loss over the epoch's training batches
     * @param validationLoss loss on the validation rows after the epoch
     * @param best whether this epoch has the lowest validation loss so far
     */
    void onEpoch(int epoch, int epochs, double trainLoss, double validationLoss, boolean best);
}
