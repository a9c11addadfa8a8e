package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.DataFormat;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.train.TrainOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continual retraining in an evaluation: a model retrained on recent scored rows learns a new normal. */
class ContinualRetrainingTest {
    private static final int ROWS = 2000;
    private static final int SHIFT_AT = 1000;

    @TempDir
    Path dir;

    private static EvaluationOptions options(int retrainEvery) {
        TrainOptions t = new TrainOptions("x", 16, 1, new int[] {16}, 4, 8, 32, 0.003, 0, 3, 0, 0.2, 0.99, 1.5);
        return new EvaluationOptions(t, DetectorConfig.defaults(), 400, null).withRetrainEvery(retrainEvery);
    }

    /** Two seeded noisy sines; from row 1000 on, both channels sit 5 units higher for good. */
    private Path shiftedSeries() throws IOException {
        Random noise = new Random(17);
        StringBuilder csv = new StringBuilder("timestamp,a,b\n");
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < ROWS; i++) {
            double level = i >= SHIFT_AT ? 5 : 0;
            double a = level + Math.sin(2 * Math.PI * i / 50.0) + 0.05 * noise.nextGaussian();
            double b = level + Math.cos(2 * Math.PI * i / 50.0) + 0.05 * noise.nextGaussian();
            csv.append(start.plusSeconds(i)).append(String.format(Locale.ROOT, ",%.5f,%.5f%n", a, b));
        }
        Path file = dir.resolve("data/shift.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        return file;
    }

    private double fractionAboveAtTheEnd(int retrainEvery, Path file) throws IOException {
        FileDetection d = Evaluation.detect(new Evaluation.DataFile("data/shift.csv", file), DataFormat.CSV,
                options(retrainEvery), Files.createDirectories(dir.resolve("scratch-" + retrainEvery)));
        int[] above = d.verdicts().aboveThreshold();
        int n = 0;
        for (int i = ROWS - 400; i < ROWS; i++) {
            n += above[i];
        }
        return n / 400.0;
    }

    @Test
    void aModelRetrainedOnRecentRowsAcceptsANewLevelThatTheFirstModelNeverSaw() throws IOException {
        Path file = shiftedSeries();
        double fixed = fractionAboveAtTheEnd(0, file);
        double retrained = fractionAboveAtTheEnd(200, file);
        assertTrue(fixed > 0.9, "the model trained on the first 400 rows never saw the new level: " + fixed);
        assertTrue(retrained < 0.1, "models retrained on the latest 400 scored rows learnt it: " + retrained);
    }

    @Test
    void aNegativePeriodIsRefusedByName() {
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> options(-5));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
        assertEquals(0, options(0).retrainEvery());
    }
}
