package io.latentwatch.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Save, restore, keep streaming: the resumed threshold must decide exactly as the uninterrupted one. */
class ThresholdRestoreTest {
    private static final int STEPS = 10_000;

    static Stream<Arguments> configs() {
        List<Arguments> out = new ArrayList<>();
        for (ThresholdKind kind : ThresholdKind.values()) {
            ThresholdConfig defaults = ThresholdConfig.defaults(kind);
            out.add(Arguments.of("defaults", defaults));
            // Small bounds, so peaks, recent scores and window really get evicted in 10,000 steps.
            out.add(Arguments.of("tight", defaults.withMaxPeaks(10).withDepth(5).withQuantile(10, 0.9, 2.0)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("configs")
    void restoringAfterEveryScoreGivesIdenticalDecisions(String name, ThresholdConfig config) {
        double[] calibration = SeededScores.gamma2(7, 1000, 0.5);
        double[] scores = SeededScores.eventful(11, STEPS);
        AdaptiveThreshold uninterrupted = Thresholds.create(config, calibration, 2.0);
        AdaptiveThreshold resumed = Thresholds.create(config, calibration, 2.0);
        int maxBytes = ThresholdStateCodec.maxBytes(config);
        int anomalies = 0;
        for (int i = 0; i < STEPS; i++) {
            byte[] saved = ThresholdStateCodec.toBytes(resumed.state());
            assertTrue(saved.length <= maxBytes, "state of " + saved.length + " bytes exceeds the stated " + maxBytes);
            resumed = Thresholds.restore(config, saved);
            assertEquals(Double.doubleToRawLongBits(uninterrupted.current()),
                    Double.doubleToRawLongBits(resumed.current()), "current() at step " + i);
            Decision expected = uninterrupted.update(scores[i]);
            Decision actual = resumed.update(scores[i]);
            assertEquals(expected, actual, "step " + i + ", score " + scores[i]);
            anomalies += expected.anomalous() ? 1 : 0;
        }
        assertEquals(uninterrupted.state(), resumed.state());
        System.out.printf("%s %s: %d anomalies in %d scores%n", config.kind(), name, anomalies, STEPS);
        assertTrue(anomalies > 20 && anomalies < STEPS / 5,
                config.kind() + " should see the spikes and the shift as anomalies, saw " + anomalies);
    }

    @Test
    void restoringOnceMidwayGivesTheSameTail() {
        ThresholdConfig config = ThresholdConfig.defaults(ThresholdKind.DSPOT);
        double[] scores = SeededScores.eventful(3, STEPS);
        AdaptiveThreshold a = Thresholds.create(config, Calibration.of(SeededScores.gamma2(5, 5000, 0.5)), 1);
        AdaptiveThreshold b = Thresholds.create(config, Calibration.of(SeededScores.gamma2(5, 5000, 0.5)), 1);
        for (int i = 0; i < STEPS / 2; i++) {
            a.update(scores[i]);
            b.update(scores[i]);
        }
        b = Thresholds.restore(config, ThresholdStateCodec.toBytes(b.state()));
        for (int i = STEPS / 2; i < STEPS; i++) {
            assertEquals(a.update(scores[i]), b.update(scores[i]), "step " + i);
        }
        assertEquals(ThresholdStateCodec.toBytes(a.state()).length, ThresholdStateCodec.toBytes(b.state()).length);
        assertEquals(a.state(), b.state());
    }

    @Test
    void aLowerBoundOnRestoreKeepsTheMostRecentValues() {
        ThresholdConfig config = ThresholdConfig.defaults(ThresholdKind.QUANTILE).withQuantile(100, 0.99, 1);
        AdaptiveThreshold wide = Thresholds.create(config, SeededScores.exponential(1, 500, 1), 0);
        double[] before = ((QuantileState) wide.state()).recent();
        AdaptiveThreshold narrow = Thresholds.restore(config.withQuantile(20, 0.99, 1), wide.state());
        double[] after = ((QuantileState) narrow.state()).recent();
        assertEquals(20, after.length);
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(before, 80, 100)),
                java.util.Arrays.toString(after));

        ThresholdConfig spot = ThresholdConfig.defaults().withMaxPeaks(100);
        AdaptiveThreshold many = Thresholds.create(spot, SeededScores.exponential(2, 20_000, 1), 0);
        TailState tail = ((SpotState) many.state()).tail();
        assertEquals(100, tail.peaks().length);
        TailState cut = ((SpotState) Thresholds.restore(spot.withMaxPeaks(10), many.state()).state()).tail();
        assertEquals(10, cut.peaks().length);
        assertEquals(tail.peakCount(), cut.peakCount());
    }
}
