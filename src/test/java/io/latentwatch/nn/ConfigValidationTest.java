package io.latentwatch.nn;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad sizes and hyper-parameters fail at construction, naming the bad value and the allowed range. */
class ConfigValidationTest {

    @Test
    void autoencoderSizes() {
        assertFails(() -> new DenseAutoencoderConfig(0, new int[] {4}, 2), "inputSize", "got 0");
        assertFails(() -> new DenseAutoencoderConfig(8, new int[] {4, 0}, 2), "hidden[1]", "got 0");
        assertFails(() -> new DenseAutoencoderConfig(8, new int[] {4}, -1), "latent", "got -1", "[1, ");
        assertFails(() -> new DenseAutoencoderConfig(8, new int[] {4}, 0), "latent", "got 0");
        assertFails(() -> new DenseAutoencoderConfig(8, null, 2), "hidden", "null");
    }

    @Test
    void mismatchedInputs() {
        DenseAutoencoder model = new DenseAutoencoder(new DenseAutoencoderConfig(6, new int[] {4}, 2), 1);
        assertFails(() -> model.reconstruct(new float[][] {new float[5]}), "5 features", "inputSize 6");
        assertFails(() -> model.encode(new float[][] {new float[6], new float[7]}), "row 1", "7");
        float[][] good = {new float[6]};
        AutoencoderTrainer trainer = new AutoencoderTrainer();
        TrainingConfig cfg = TrainingConfig.defaults(1);
        assertFails(() -> trainer.fit(model, new float[][] {new float[3]}, good, cfg, EpochListener.NONE),
                "train row 0", "3 features", "inputSize 6");
        assertFails(() -> trainer.fit(model, good, new float[0][], cfg, EpochListener.NONE), "validation", "got 0");
        float[][] nan = {new float[6]};
        nan[0][2] = Float.NaN;
        assertFails(() -> trainer.fit(model, nan, good, cfg, EpochListener.NONE), "feature 2", "NaN");
        assertFails(() -> model.channelError(good, 4), "channels", "got 4");
    }

    @Test
    void trainingAndOptimiserSettings() {
        assertFails(() -> new TrainingConfig(0, 32, 1e-3, 0, 0, 0, 1), "epochs", "got 0");
        assertFails(() -> new TrainingConfig(10, 0, 1e-3, 0, 0, 0, 1), "batchSize", "got 0");
        assertFails(() -> new TrainingConfig(10, 32, 1e-3, 0, 0, 11, 1), "patience", "epochs=10", "got 11");
        assertFails(() -> new TrainingConfig(10, 32, 0, 0, 0, 0, 1), "learningRate", "(0, 1]", "got 0.0");
        assertFails(() -> new TrainingConfig(10, 32, 1e-3, -0.1, 0, 0, 1), "weightDecay", "got -0.1");
        assertFails(() -> new TrainingConfig(10, 32, 1e-3, 0, -1, 0, 1), "clipNorm", "got -1.0");
        assertFails(() -> new AdamConfig(1e-3, 1.0, 0.999, 1e-8, 0, 0), "beta1", "[0, 1)", "got 1.0");
    }

    @Test
    void layerShapes() {
        assertFails(() -> new Dense(3, 2, Activation.RELU, new float[5], new float[2]), "5 elements", "3*2 = 6");
        assertFails(() -> new Dense(3, 0, Activation.RELU, new Random(1)), "out", "got 0");
        assertFails(() -> new Dense(3, 2, null, new float[6], new float[2]), "activation", "RELU");
    }

    private static void assertFails(Executable action, String... fragments) {
        LatentwatchException e = assertThrows(LatentwatchException.class, action);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
