package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowScoreTest {

    /** The definition, written the slow way. */
    private static double[] byDefinition(double[] level, int horizon, boolean rise) {
        double[] out = new double[level.length];
        for (int i = 0; i < level.length; i++) {
            double past = 0;
            for (int j = Math.max(0, i - horizon); j < i; j++) {
                past = Math.max(past, level[j]);
            }
            out[i] = level[i] > past ? (rise ? level[i] - past : level[i]) : 0;
        }
        return out;
    }

    @Test
    void onsetAndRiseEqualTheirDefinitionOnSeededSeries() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            int n = random.nextInt(200);
            double[] level = new double[n];
            for (int i = 0; i < n; i++) {
                // coarse values so that ties (which are not onsets) happen often
                level[i] = random.nextInt(4) == 0 ? 0 : Math.round(random.nextDouble() * 10) / 10.0;
            }
            int horizon = 1 + random.nextInt(40);
            for (boolean rise : new boolean[] {false, true}) {
                assertArrayEquals(byDefinition(level, horizon, rise), RowScore.aboveRecentMaximum(level, horizon, rise),
                        "trial " + trial + ", horizon " + horizon + ", rise " + rise);
            }
        }
    }

    @Test
    void aPersistingExcursionScoresOnceAndAWorseningOneAgain() {
        double[] level = {0.2, 0.2, 0.9, 0.9, 0.9, 0.95, 0.9, 0.2, 0.2, 0.2, 0.9};
        double[] onset = new RowScore(RowScore.Mode.ONSET, 3, 0).apply(level, 100);
        assertArrayEquals(new double[] {0.2, 0, 0.9, 0, 0, 0.95, 0, 0, 0, 0, 0.9}, onset);
    }

    @Test
    void aReportAboveTheThresholdSilencesTheRefractoryRows() {
        // climbs for four rows above the threshold (0.5), falls back, climbs again after the period
        double[] level = {0.2, 0.6, 0.7, 0.8, 0.9, 0.1, 0.1, 0.1, 0.1, 0.95};
        double[] onset = new RowScore(RowScore.Mode.ONSET, 100, 3).apply(level, 100);
        assertArrayEquals(new double[] {0.2, 0.6, 0, 0, 0, 0, 0, 0, 0, 0.95}, onset);
        double[] without = new RowScore(RowScore.Mode.ONSET, 100, 0).apply(level, 100);
        assertArrayEquals(new double[] {0.2, 0.6, 0.7, 0.8, 0.9, 0, 0, 0, 0, 0.95}, without);
    }

    @Test
    void reportsBelowTheThresholdDoNotSilenceTheRowsAfterThem() {
        double[] level = {0.1, 0.2, 0.3, 0.4, 0.7, 0.8};
        double[] onset = new RowScore(RowScore.Mode.ONSET, 100, 10).apply(level, 100);
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.7, 0}, onset);
        // rise reports by the level of the row, not by the size of the rise
        double[] rise = new RowScore(RowScore.Mode.RISE, 100, 10).apply(new double[] {0.25, 0.5, 0.75}, 100);
        assertArrayEquals(new double[] {0.25, 0.25, 0}, rise);
    }

    @Test
    void refractoryEqualsItsDefinitionOnSeededSeries() {
        Random random = new Random(23);
        for (int trial = 0; trial < 300; trial++) {
            int n = random.nextInt(300);
            double[] level = random.doubles(n).toArray();
            int horizon = 1 + random.nextInt(30);
            int period = random.nextInt(15);
            double[] expected = byDefinition(level, horizon, false);
            int quietUntil = -1;
            for (int i = 0; i < n; i++) {
                if (i <= quietUntil) {
                    expected[i] = 0;
                } else if (expected[i] > 0 && level[i] >= 0.5) {
                    quietUntil = i + period;
                }
            }
            assertArrayEquals(expected, new RowScore(RowScore.Mode.ONSET, horizon, period).apply(level, 100),
                    "trial " + trial + ", horizon " + horizon + ", refractory " + period);
        }
    }

    @Test
    void riseScoresByHowMuchARowTopsTheRecentMaximum() {
        // exact binary fractions, so the differences are exact too
        double[] level = {0.25, 0.25, 0.875, 0.875, 0.9375, 0.25, 0.25, 0.25, 0.25, 0.875};
        double[] rise = new RowScore(RowScore.Mode.RISE, 3, 0).apply(level, 100);
        assertArrayEquals(new double[] {0.25, 0, 0.625, 0, 0.0625, 0, 0, 0, 0, 0.625}, rise);
    }

    @Test
    void horizonZeroMeansTheTrainingRowsAndLevelIsTheLevelScore() {
        double[] level = {0.5, 0.1, 0.1, 0.1, 0.4};
        assertArrayEquals(new double[] {0.5, 0, 0, 0, 0}, new RowScore(RowScore.Mode.ONSET, 0, 0).apply(level, 4));
        assertArrayEquals(new double[] {0.5, 0, 0, 0, 0.4}, new RowScore(RowScore.Mode.ONSET, 0, 0).apply(level, 3));
        double[] copy = RowScore.LEVEL.apply(level, 4);
        assertArrayEquals(level, copy);
        copy[0] = 9;
        assertEquals(0.5, level[0], "the input is not modified");
    }

    @Test
    void scoresStayInTheUnitInterval() {
        Random random = new Random(5);
        double[] level = random.doubles(1000).toArray();
        for (boolean rise : new boolean[] {false, true}) {
            for (double s : RowScore.aboveRecentMaximum(level, 50, rise)) {
                assertTrue(s >= 0 && s <= 1, "score " + s);
            }
        }
    }

    @Test
    void badChoicesAreNamed() {
        LatentwatchException mode = assertThrows(LatentwatchException.class, () -> RowScore.Mode.parse("peak"));
        assertTrue(mode.getMessage().contains("'peak'") && mode.getMessage().contains("[level, onset, rise]"),
                mode.getMessage());
        LatentwatchException horizon = assertThrows(LatentwatchException.class,
                () -> new RowScore(RowScore.Mode.ONSET, -3, 0));
        assertTrue(horizon.getMessage().contains("-3"), horizon.getMessage());
        LatentwatchException refractory = assertThrows(LatentwatchException.class,
                () -> new RowScore(RowScore.Mode.ONSET, 0, -2));
        assertTrue(refractory.getMessage().contains("refractory") && refractory.getMessage().contains("-2"),
                refractory.getMessage());
    }
}
