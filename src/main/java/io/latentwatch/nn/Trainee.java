package io.latentwatch.nn;

import java.util.List;

/** What {@link AutoencoderTrainer}'s loop needs of a model, whatever its architecture. */
interface Trainee {
    int inputSize();

    /** Live parameters and gradients, in a fixed order. */
    List<Parameter> parameters();

    /** Called before the first batch of every epoch (from 1). */
    default void beginEpoch(int epoch) {
    }

    /** Forward and backward on clean rows: fills the gradients, returns the training objective. */
    double trainStep(float[][] batch);

    /** The validation loss of clean rows: reconstruction MSE through the inference path. */
    double validationLoss(float[][] batch);

    float[][] snapshot();

    void restore(float[][] snapshot);
}
