package io.latentwatch.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.features.Windows;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.EpochListener;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ensemble trains its members with consecutive seeds and ships them as one model: one card, one graph. */
class EnsembleTrainingTest {
    private static final int ROWS = 1500;

    @TempDir
    Path dir;

    private static TrainOptions options(int members) {
        return new TrainOptions("ensemble", TestModels.WINDOW, TestModels.HOP, new int[] {16}, 4, 6, 32, 0.003, 0, 7,
                0, 0.2, 0.999, 1.5, ArchitectureOptions.DENSE, 0, members);
    }

    private static ModelTrainer.Trained train(int members) {
        return ModelTrainer.train(TestModels.normalSeries(ROWS, 2), new ModelCard.DataSource("synthetic", "csv", 0, ROWS),
                options(members), EpochListener.NONE);
    }

    @Test
    void theCardCalibratesOnTheEnsembleScoresThatTheGraphComputes() {
        ModelTrainer.Trained single = train(1);
        ModelTrainer.Trained ensemble = train(2);
        assertFalse(single.card().architecture().options().containsKey("members"), "a single model's card is as before");
        assertEquals(2, ((Number) ensemble.card().architecture().options().get("members")).intValue());
        assertNotEquals(single.card().version(), ensemble.card().version());

        ModelFiles.write(dir, ensemble.card(), ensemble.onnx());
        try (DetectorModel model = DetectorModel.load(dir)) {
            // the validation rows: the last 20 % of the series, cut as the trainer cut them
            TimeSeries series = TestModels.normalSeries(ROWS, 2);
            int split = (int) Math.round(ROWS * 0.8);
            float[] onnx = model.score(Windows.matrix(Windows.cut(series.slice(split, ROWS), model.spec()))).score();
            double[] sorted = new double[onnx.length];
            for (int i = 0; i < onnx.length; i++) {
                sorted[i] = onnx[i];
            }
            Arrays.sort(sorted);
            assertEquals(ensemble.card().training().validationWindows(), onnx.length);
            double p50 = ModelCard.Quantiles.at(sorted, 0.5);
            double max = sorted[sorted.length - 1];
            assertEquals(ensemble.card().validationScores().p50(), p50, 1e-4 * p50);
            assertEquals(ensemble.card().validationScores().max(), max, 1e-4 * max);
        }
    }

    @Test
    void theSameSeedGivesTheSameEnsembleAndMemberCountsAreChecked() {
        assertTrue(Arrays.equals(train(2).onnx(), train(2).onnx()), "byte-identical for the same options");
        for (int bad : new int[] {0, -1, TrainOptions.MAX_MEMBERS + 1}) {
            LatentwatchException e = assertThrows(LatentwatchException.class, () -> options(bad));
            assertTrue(e.getMessage().contains("got " + bad), e.getMessage());
        }
    }
}
