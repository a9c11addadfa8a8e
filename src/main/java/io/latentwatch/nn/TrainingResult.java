package io.latentwatch.nn;

import java.util.List;

/**
 * What a training run did: the loss curves, the epoch whose weights the model now holds, and why it
 * stopped. Goes into the model card.
 *
 * @param trainLosses mean training loss per epoch run; element {@code e - 1} is epoch {@code e}
 * @param validationLosses validation loss per epoch run, same indexing
 * @param bestEpoch the epoch (from 1) with the lowest validation loss, whose weights were restored
 * @param stoppedEarly whether early stopping ended the run before {@code epochs}
 */
public record TrainingResult(List<Double> trainLosses, List<Double> validationLosses, int bestEpoch,
        boolean stoppedEarly) {

    public TrainingResult {
        trainLosses = List.copyOf(trainLosses);
        validationLosses = List.copyOf(validationLosses);
    }

    /** Number of epochs that ran. */
    public int epochsRun() {
        return trainLosses.size();
    }

    /** The validation loss of the restored weights. */
    public double bestValidationLoss() {
        return validationLosses.get(bestEpoch - 1);
    }

    /** The training loss of the epoch whose weights were restored. */
    public double bestTrainLoss() {
        return trainLosses.get(bestEpoch - 1);
    }
}
