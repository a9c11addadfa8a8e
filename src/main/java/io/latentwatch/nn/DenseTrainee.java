package io.latentwatch.nn;

import java.util.List;

/** Adapts the original {@link DenseAutoencoder} to the trainer's loop, with plain MSE. */
final class DenseTrainee implements Trainee {
    private final DenseAutoencoder model;
    private float[][] gradient;

    DenseTrainee(DenseAutoencoder model) {
        this.model = model;
    }

    @Override
    public int inputSize() {
        return model.config().inputSize();
    }

    @Override
    public List<Parameter> parameters() {
        return model.parameters();
    }

    @Override
    public double trainStep(float[][] batch) {
        float[][] reconstruction = model.forward(batch);
        gradient = Matrices.reuse(gradient, batch.length, inputSize());
        double loss = MseLoss.lossAndGradient(reconstruction, batch, gradient);
        model.backwardParameters(gradient);
        return loss;
    }

    @Override
    public double validationLoss(float[][] batch) {
        return MseLoss.loss(model.forward(batch), batch);
    }

    @Override
    public float[][] snapshot() {
        return model.snapshot();
    }

    @Override
    public void restore(float[][] snapshot) {
        model.restore(snapshot);
    }
}
