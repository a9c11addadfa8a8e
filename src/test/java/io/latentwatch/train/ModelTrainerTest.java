package io.latentwatch.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.EpochListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainerTest {
    private static final ModelCard.DataSource SOURCE = new ModelCard.DataSource("synthetic", "csv", 0, 1200);

    @TempDir
    Path dir;

    private static ModelTrainer.Trained train(long seed) {
        TrainOptions o = new TrainOptions("m", 16, 4, new int[] {16}, 4, 5, 32, 0.003, 0, seed, 0, 0.25, 0.99, 1.5);
        return ModelTrainer.train(TestModels.normalSeries(1200, 3), SOURCE, o, EpochListener.NONE);
    }

    @Test
    void sameSeedGivesByteIdenticalModelFiles() throws IOException {
        ModelTrainer.Trained a = train(11);
        ModelTrainer.Trained b = train(11);
        ModelFiles.write(dir.resolve("a"), a.card(), a.onnx());
        ModelFiles.write(dir.resolve("b"), b.card(), b.onnx());
        for (String file : new String[] {ModelFiles.ONNX, ModelFiles.CARD}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)),
                    Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
        assertFalse(Arrays.equals(a.onnx(), train(12).onnx()), "a different seed should give another model");
    }

    @Test
    void cardDescribesTheModelAndItsCalibration() {
        ModelCard card = TestModels.trained().card();
        assertEquals(TestModels.CHANNELS, card.features().channels());
        assertEquals(TestModels.WINDOW, card.features().window());
        assertEquals(ModelFiles.sha256(TestModels.trained().onnx()), card.onnx().sha256());
        assertEquals(card.onnx().sha256().substring(0, 12), card.version());
        assertTrue(card.threshold().value() >= card.validationScores().p99());
        assertTrue(card.training().bestEpoch() >= 1);
        double first = card.training().validationLoss()[0];
        double best = card.training().validationLoss()[card.training().bestEpoch() - 1];
        assertTrue(best < first / 5, "validation loss should fall well below its start: " + first + " -> " + best);
        // mean predictor loss on normalised data is about 1 per feature
        assertTrue(best < 0.2, "validation loss " + best + " is not well below predicting the mean (about 1)");
    }

    @Test
    void tooLittleDataIsRefusedWithTheCounts() {
        TrainOptions o = TestModels.options("m", 1);
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> ModelTrainer.train(
                TestModels.normalSeries(40, 1), SOURCE, o, EpochListener.NONE));
        assertTrue(e.getMessage().contains("need at least 20 rows"), e.getMessage());
    }

    @Test
    void optionsAreValidated() {
        assertThrows(LatentwatchException.class,
                () -> new TrainOptions("bad name/..", 16, 4, new int[] {8}, 2, 1, 8, 0.01, 0, 1, 0, 0.2, 0.99, 1));
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> new TrainOptions("m", 16, 4, new int[] {8}, 2, 1, 8, 0.01, 0, 1, 0, 0.95, 0.99, 1));
        assertTrue(e.getMessage().contains("0.95"), e.getMessage());
    }
}
