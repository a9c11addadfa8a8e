package io.latentwatch.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EwmaAndQuantileTest {

    @Test
    void ewmaStartsAtCalibrationMeanPlusKStdAndIgnoresAnomalies() {
        ThresholdConfig config = ThresholdConfig.defaults(ThresholdKind.EWMA).withEwma(0.5, 2).withFloorFactor(0);
        AdaptiveThreshold ewma = Thresholds.create(config, new double[] {1, 3}, 0);
        assertEquals(2 + 2 * 1, ewma.current(), 1e-12, "mean 2, variance 1");
        EwmaState before = (EwmaState) ewma.state();
        assertEquals(new Decision(true, 4), ewma.update(4.5));
        assertEquals(before, ewma.state(), "an anomaly leaves the state alone");
        // diff 2, increment 1: mean 3, variance 0.5 * (1 + 2) = 1.5.
        assertEquals(new Decision(false, 4), ewma.update(4));
        assertEquals(new EwmaState(0, 3, 1.5), ewma.state());
        assertEquals(3 + 2 * Math.sqrt(1.5), ewma.current(), 1e-12);
    }

    @Test
    void ewmaFollowsAQuieterLevelButNotBelowItsFloor() {
        ThresholdConfig config = ThresholdConfig.defaults(ThresholdKind.EWMA);
        AdaptiveThreshold ewma = Thresholds.create(config, SeededScores.exponential(1, 1000, 1), 2);
        double start = ewma.current();
        for (double s : SeededScores.exponential(2, 3000, 0.1)) {
            ewma.update(s);
        }
        assertTrue(start > 4 && start < 6.5, "about 1 + 4 x 1, was " + start);
        assertEquals(1.0, ewma.current(), "the floor, 0.5 x the static threshold 2, holds the bar");
    }

    @Test
    void quantileIsTheExactQuantileOfTheRecentNormalScoresTimesTheMargin() {
        ThresholdConfig config = ThresholdConfig.defaults(ThresholdKind.QUANTILE).withQuantile(50, 0.9, 1.5)
                .withFloorFactor(0);
        AdaptiveThreshold quantile = Thresholds.create(config, SeededScores.exponential(3, 1000, 1), 0);
        double[] scores = SeededScores.exponential(4, 2000, 1);
        for (int i = 0; i < scores.length; i++) {
            double[] recent = ((QuantileState) quantile.state()).recent();
            assertEquals(50, recent.length);
            double[] sorted = recent.clone();
            Arrays.sort(sorted);
            double pos = 0.9 * 49;
            double expected = 1.5 * (sorted[44] + (pos - 44) * (sorted[45] - sorted[44]));
            Decision d = quantile.update(scores[i]);
            assertEquals(expected, d.threshold(), 1e-12, "step " + i);
            double[] after = ((QuantileState) quantile.state()).recent();
            if (d.anomalous()) {
                assertTrue(Arrays.equals(recent, after), "an anomaly stays out of the window");
            } else {
                assertEquals(scores[i], after[49], "a normal score joins the window");
            }
        }
        assertFalse(Double.isNaN(quantile.current()));
    }

    @Test
    void quantileDefaultsSettleAtALowAlarmRate() {
        // Leaving anomalies out of the window pulls its quantile down; with too small a margin that
        // feeds on itself (0.9 x 1.2 settles near a third of scores alarming). The defaults settle low.
        AdaptiveThreshold quantile = Thresholds.create(ThresholdConfig.defaults(ThresholdKind.QUANTILE),
                SeededScores.exponential(5, 1000, 1), 0);
        int alarms = 0;
        for (double s : SeededScores.exponential(6, 50_000, 1)) {
            alarms += quantile.update(s).anomalous() ? 1 : 0;
        }
        System.out.printf("QUANTILE defaults on exponential scores: %d alarms in 50000%n", alarms);
        assertTrue(alarms < 250, alarms + " alarms, expected about 0.1% of 50,000");
    }
}
