package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.train.ArchitectureOptions;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seasonal differences end to end: trained into the model, carried by its card, and scored through the
 * production topology. A day whose pulse never comes is normal reading by reading and window by window;
 * only a comparison with the day before shows it.
 */
class SeasonalDetectionTest {
    private static final int PERIOD = 24;
    private static final int TRAIN = 1200;
    private static final int MISSING_DAY = 60; // rows 1440..1463 of 2000
    private static final int ROWS = 2000;

    @TempDir
    Path dir;

    /** A pulse of 10 for six rows of every 24 (skipped on one day after training), plus seeded noise. */
    private static TimeSeries pulses(int rows, boolean skipOneDay) {
        Random noise = new Random(11);
        long[] ts = new long[rows];
        double[][] v = new double[rows][];
        for (int i = 0; i < rows; i++) {
            boolean pulse = i % PERIOD >= 6 && i % PERIOD < 12 && !(skipOneDay && i / PERIOD == MISSING_DAY);
            ts[i] = 1_700_000_000_000L + i * 60_000L;
            v[i] = new double[] {(pulse ? 10 : 0) + 0.3 * noise.nextGaussian()};
        }
        return new TimeSeries(ts, List.of("x"), v, null);
    }

    private static TrainOptions options(int seasonalLag) {
        return new TrainOptions("pulses", 8, 1, new int[] {16}, 4, 30, 32, 0.003, 0, 7, 0, 0.2, 0.999, 1.5,
                ArchitectureOptions.DENSE, seasonalLag);
    }

    private RowVerdicts detect(ModelTrainer.Trained trained, String name) {
        Path modelDir = dir.resolve(name);
        ModelFiles.write(modelDir, trained.card(), trained.onnx());
        try (DetectorModel model = DetectorModel.load(modelDir)) {
            return DetectorRun.run(model, DetectorConfig.defaults(), "pump", pulses(ROWS, true),
                    dir.resolve("state-" + name));
        }
    }

    /** The most any window ending on the missing day scored, as a multiple of its threshold. */
    private static double peakOnTheMissingDay(RowVerdicts v) {
        double peak = 0;
        for (int i = MISSING_DAY * PERIOD; i < (MISSING_DAY + 1) * PERIOD + 8; i++) {
            if (!Double.isNaN(v.rawScores()[i])) {
                peak = Math.max(peak, v.rawScores()[i] / v.thresholds()[i]);
            }
        }
        return peak;
    }

    @Test
    void aMissingDailyPulseStandsOutOnlyWithSeasonalDifferences() {
        ModelCard.DataSource source = new ModelCard.DataSource("pulses", "csv", 0, TRAIN);
        ModelTrainer.Trained seasonal = ModelTrainer.train(pulses(TRAIN, false), source, options(PERIOD),
                EpochListener.NONE);
        ModelTrainer.Trained plain = ModelTrainer.train(pulses(TRAIN, false), source, options(0), EpochListener.NONE);
        assertEquals(PERIOD, seasonal.card().features().seasonal().lag());
        assertEquals(null, plain.card().features().seasonal(), "no seasonal block in a plain card");

        Path seasonalDir = dir.resolve("explained");
        ModelFiles.write(seasonalDir, seasonal.card(), seasonal.onnx());
        try (DetectorModel model = DetectorModel.load(seasonalDir)) {
            List<io.latentwatch.features.Window> windows = io.latentwatch.features.Windows.cut(pulses(200, true),
                    model.spec());
            io.latentwatch.onnx.Scores s = model.score(io.latentwatch.features.Windows.matrix(windows));
            for (int i = 0; i < s.score().length; i++) {
                // one channel: its error and its difference's error, each a mean over the window, folded into
                // one explanation; the score is the mean over both, so half their sum
                assertEquals(1, s.channelError()[i].length, "one explanation per channel");
                assertEquals(2 * s.score()[i], s.channelError()[i][0], 1e-4 * (1 + s.score()[i]));
            }
        }
        RowVerdicts withSeason = detect(seasonal, "seasonal");
        RowVerdicts without = detect(plain, "plain");
        assertTrue(peakOnTheMissingDay(withSeason) > 1,
                "the seasonal model sees the missing pulse: peak " + peakOnTheMissingDay(withSeason));
        assertTrue(peakOnTheMissingDay(without) < 1,
                "without the season every window of that day looks like a night: peak " + peakOnTheMissingDay(without));
        int firstScored = 0;
        while (Double.isNaN(withSeason.rawScores()[firstScored])) {
            firstScored++;
        }
        assertEquals(PERIOD + 8 - 1, firstScored, "the first window needs the lag and the window");
    }

    @Test
    void autoFindsTheSeasonOnTheTrainingRows() {
        ModelTrainer.Trained auto = ModelTrainer.train(pulses(TRAIN, false),
                new ModelCard.DataSource("pulses", "csv", 0, TRAIN), options(TrainOptions.AUTO_SEASONAL_LAG),
                EpochListener.NONE);
        int lag = auto.card().features().seasonal().lag();
        assertTrue(lag % PERIOD == 0, "a multiple of the period: " + lag);
    }

    @Test
    void seasonalLagWordsAreParsedAndBadOnesNamed() {
        assertEquals(TrainOptions.AUTO_SEASONAL_LAG, TrainOptions.parseSeasonalLag("auto"));
        assertEquals(0, TrainOptions.parseSeasonalLag("off"));
        assertEquals(0, TrainOptions.parseSeasonalLag("0"));
        assertEquals(288, TrainOptions.parseSeasonalLag("288"));
        for (String bad : new String[] {"daily", "-3", "", "1e3", "99999999999"}) {
            LatentwatchException e = assertThrows(LatentwatchException.class, () -> TrainOptions.parseSeasonalLag(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        LatentwatchException tooLong = assertThrows(LatentwatchException.class, () -> options(20_000));
        assertTrue(tooLong.getMessage().contains("20000"), tooLong.getMessage());
        LatentwatchException tooFew = assertThrows(LatentwatchException.class,
                () -> ModelTrainer.train(pulses(200, false), new ModelCard.DataSource("pulses", "csv", 0, 200),
                        options(170), EpochListener.NONE));
        assertTrue(tooFew.getMessage().contains("seasonal lag 170"), tooFew.getMessage());
    }
}
