package io.latentwatch.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad settings and inputs are refused with the value and what was allowed. */
class ThresholdConfigTest {
    private final ThresholdConfig d = ThresholdConfig.defaults();

    @Test
    void badValuesAreNamedWithTheirRange() {
        assertMessage("threshold risk must be in (0, 0.02", () -> d.withRisk(0.5));
        assertMessage("got NaN", () -> d.withRisk(Double.NaN));
        assertMessage("threshold initialQuantile must be in [0.5, 0.9999], got 1.0", () -> d.withInitialQuantile(1));
        assertMessage("threshold depth must be in [1, 10000], got 0", () -> d.withDepth(0));
        assertMessage("threshold maxPeaks must be in [10, 100000], got 5", () -> d.withMaxPeaks(5));
        assertMessage("threshold ewmaAlpha must be in (0, 1], got 0.0", () -> d.withEwma(0, 3));
        assertMessage("threshold ewmaK must be in (0, 100], got -1.0", () -> d.withEwma(0.1, -1));
        assertMessage("threshold window must be in [10, 100000], got 9", () -> d.withQuantile(9, 0.9, 1));
        assertMessage("threshold quantile must be in [0.5, 1], got 1.5", () -> d.withQuantile(100, 1.5, 1));
        assertMessage("threshold margin must be in [1, 100], got 0.9", () -> d.withQuantile(100, 0.9, 0.9));
        assertMessage("threshold floorFactor must be in [0, 100], got Infinity",
                () -> d.withFloorFactor(Double.POSITIVE_INFINITY));
        assertMessage("threshold kind is missing", () -> d.withKind(null));
    }

    @Test
    void kindsParseFromCommandLineWords() {
        assertEquals(ThresholdKind.DSPOT, ThresholdKind.parse(" DSpot "));
        assertEquals(ThresholdKind.QUANTILE, ThresholdKind.parse("quantile"));
        assertMessage("unknown threshold kind 'evt', expected one of: spot, dspot, ewma, quantile",
                () -> ThresholdKind.parse("evt"));
        assertMessage("unknown threshold kind 'null'", () -> ThresholdKind.parse(null));
    }

    @Test
    void badCalibrationsAndScoresAreNamed() {
        assertMessage("calibration needs at least one score, got none", () -> Calibration.of(new double[0]));
        assertMessage("calibration score 1 must be a finite number, got NaN",
                () -> Thresholds.create(d, new double[] {1, Double.NaN}, 1));
        assertMessage("static threshold must be finite and >= 0, got -1.0",
                () -> Thresholds.create(d, new double[] {1, 2}, -1));
        assertMessage("score 1 (1.0) is below score 0 (2.0)", () -> Calibration.fromArray(new double[] {2, 1}));
        assertMessage("1 to 1000 scores, got 1001", () -> Calibration.fromArray(new double[1001]));
        assertMessage("non-decreasing", () -> Calibration.fromQuantiles(1, 0.5, 2, 3, 4));
        AdaptiveThreshold spot = Thresholds.create(d, new double[] {1, 2, 3}, 1);
        assertMessage("anomaly score must be a finite number, got Infinity",
                () -> spot.update(Double.POSITIVE_INFINITY));
        assertMessage("saved threshold state is SPOT but the configuration asks for EWMA",
                () -> Thresholds.restore(d.withKind(ThresholdKind.EWMA), spot.state()));
    }

    @Test
    void calibrationThinsToOrderStatisticsAndRoundTrips() {
        double[] scores = SeededScores.exponential(1, 5000, 1);
        Calibration c = Calibration.of(scores);
        double[] sorted = scores.clone();
        java.util.Arrays.sort(sorted);
        double[] sample = c.toArray();
        assertEquals(Calibration.MAX_SIZE, sample.length);
        assertEquals(sorted[0], sample[0]);
        assertEquals(sorted[4999], sample[999], "the largest score survives");
        assertEquals(c, Calibration.fromArray(sample));
        Calibration q = Calibration.fromQuantiles(0.018, 0.026, 0.034, 0.039, 0.044);
        assertEquals(0.044, q.toArray()[999]);
        assertEquals(0.034, Samples.quantile(q.toArray(), 1000, 0.99), 1e-4);
        assertTrue(Thresholds.create(d, q, 0.058).current() > 0.039);
    }

    private static void assertMessage(String fragment, Executable call) {
        LatentwatchException e = assertThrows(LatentwatchException.class, call);
        assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should contain '" + fragment + "'");
    }
}
