package io.latentwatch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Training on seeded synthetic sensor data: it learns, it flags anomalies, it is reproducible. */
class AutoencoderTrainerTest {
    private static final int WINDOW = 16;
    private static final int C = SyntheticSignals.CHANNELS;

    private final float[][] windows = SyntheticSignals.windows(SyntheticSignals.series(3000, 0.05, 1), WINDOW, 2);
    private final float[][] train = SyntheticSignals.rows(windows, 0, 1100);
    private final float[][] validation = SyntheticSignals.rows(windows, 1100, windows.length);

    static DenseAutoencoderConfig config() {
        return new DenseAutoencoderConfig(WINDOW * C, new int[] {32}, 8);
    }

    static TrainingConfig training(long seed) {
        return new TrainingConfig(60, 32, 3e-3, 1e-5, 5.0, 15, seed);
    }

    @Test
    void learnsFarBetterThanPredictingTheMean() {
        DenseAutoencoder model = new DenseAutoencoder(config(), 42);
        List<Integer> heard = new ArrayList<>();
        TrainingResult result = new AutoencoderTrainer().fit(model, train, validation, training(42),
                (epoch, epochs, trainLoss, validationLoss, best) -> heard.add(epoch));

        double baseline = meanPredictorLoss(train, validation);
        assertTrue(result.bestValidationLoss() * 5 <= baseline, "validation loss " + result.bestValidationLoss()
                + " is not 5x below the mean predictor's " + baseline);
        assertEquals(result.epochsRun(), heard.size());
        assertEquals(Collections.min(result.validationLosses()), result.bestValidationLoss());
        // The model holds the best epoch's weights, not the last epoch's.
        assertEquals(result.bestValidationLoss(), MseLoss.loss(model.reconstruct(validation), validation), 1e-9);
    }

    @Test
    void anomaliesScoreAboveEveryNormalWindow() {
        DenseAutoencoder model = new DenseAutoencoder(config(), 42);
        new AutoencoderTrainer().fit(model, train, validation, training(42), EpochListener.NONE);
        float maxNormal = 0;
        for (float s : model.score(validation)) {
            maxNormal = Math.max(maxNormal, s);
        }

        float[][] spike = {validation[10].clone()};
        spike[0][8 * C + 2] += 4f;
        float[][] shift = {validation[50].clone()};
        for (int t = 8; t < WINDOW; t++) {
            shift[0][t * C + 1] += 1.5f;
        }
        assertTrue(model.score(spike)[0] > maxNormal, "spike " + model.score(spike)[0] + " vs " + maxNormal);
        assertTrue(model.score(shift)[0] > maxNormal, "shift " + model.score(shift)[0] + " vs " + maxNormal);
        assertEquals(2, argmax(model.channelError(spike, C)[0]));
        assertEquals(1, argmax(model.channelError(shift, C)[0]));
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndOtherSeedsDiffer() {
        float[][] a = trainedWeights(7, 7);
        assertArrayEquals(a, trainedWeights(7, 7));
        assertFalse(Arrays.deepEquals(a, trainedWeights(7, 8)), "shuffle seed had no effect");
        assertFalse(Arrays.deepEquals(a, trainedWeights(8, 7)), "initialisation seed had no effect");
    }

    private float[][] trainedWeights(long initSeed, long trainSeed) {
        DenseAutoencoder model = new DenseAutoencoder(config(), initSeed);
        TrainingConfig cfg = new TrainingConfig(3, 32, 3e-3, 1e-4, 1.0, 0, trainSeed);
        new AutoencoderTrainer().fit(model, train, validation, cfg, EpochListener.NONE);
        return model.snapshot();
    }

    @Test
    void stopsEarlyWhenValidationStopsImprovingAndRestoresTheBestEpoch() {
        // Pure noise: what the model memorises of the training rows cannot help on other rows.
        Random rng = new Random(3);
        float[][] noiseTrain = GradientCheckTest.gaussian(24, 12, rng);
        float[][] noiseValidation = GradientCheckTest.gaussian(24, 12, rng);
        DenseAutoencoder model = new DenseAutoencoder(new DenseAutoencoderConfig(12, new int[] {64}, 10), 3);
        TrainingConfig cfg = new TrainingConfig(400, 8, 1e-2, 0, 0, 5, 3);
        TrainingResult result = new AutoencoderTrainer().fit(model, noiseTrain, noiseValidation, cfg,
                EpochListener.NONE);

        assertTrue(result.stoppedEarly(), "ran all " + result.epochsRun() + " epochs");
        assertEquals(result.bestEpoch() + 5, result.epochsRun());
        assertTrue(result.validationLosses().get(result.epochsRun() - 1) > result.bestValidationLoss());
        assertEquals(result.bestValidationLoss(), MseLoss.loss(model.reconstruct(noiseValidation), noiseValidation),
                1e-9);
    }

    @Test
    void scoresAreTheMeanOfChannelErrors() {
        DenseAutoencoder model = new DenseAutoencoder(config(), 1);
        float[][] x = SyntheticSignals.rows(validation, 0, 5);
        float[] scores = model.score(x);
        float[][] channels = model.channelError(x, C);
        for (int r = 0; r < x.length; r++) {
            double mean = 0;
            for (float e : channels[r]) {
                mean += e / C;
            }
            assertEquals(scores[r], mean, 1e-6 * Math.max(1, scores[r]));
        }
    }

    private static double meanPredictorLoss(float[][] train, float[][] validation) {
        int f = train[0].length;
        float[] mean = new float[f];
        for (float[] row : train) {
            for (int k = 0; k < f; k++) {
                mean[k] += row[k] / train.length;
            }
        }
        float[][] prediction = new float[validation.length][];
        Arrays.fill(prediction, mean);
        return MseLoss.loss(prediction, validation);
    }

    private static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
