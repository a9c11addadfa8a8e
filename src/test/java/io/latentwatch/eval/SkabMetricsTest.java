package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SkabMetricsTest {

    @Test
    void countsAndFiguresOfOneRun() {
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 0, 0, 0};
        int[] predicted = {0, 1, 0, 0, 0, 1, 1, 1, 0, 0};
        SkabMetrics m = SkabMetrics.of(labels, predicted);
        assertEquals(new SkabMetrics(2, 2, 5, 1), m);
        assertEquals(10, m.rows());
        // precision 2/4, recall 2/3: F1 = 2 * (1/2 * 2/3) / (1/2 + 2/3) = 4/7.
        assertEquals(4.0 / 7, m.f1(), 1e-15);
        assertEquals(2.0 / 7, m.far(), 1e-15);
        assertEquals(1.0 / 3, m.mar(), 1e-15);
        assertEquals("F1 0.5714, FAR 28.57%, MAR 33.33% (tp 2, fp 2, tn 5, fn 1)", m.toString());
    }

    @Test
    void runsArePooledRowByRowNotAveraged() {
        SkabMetrics m = SkabMetrics.pooled(
                List.of(new int[] {1, 1, 0, 0}, new int[] {1, 0, 0, 0, 0, 0}),
                List.of(new int[] {1, 1, 0, 0}, new int[] {0, 1, 1, 0, 0, 0}));
        assertEquals(new SkabMetrics(2, 2, 5, 1), m);
        // The mean of the two runs' F1 (1 and 0) would be 0.5; pooled it is 4/7.
        assertEquals(4.0 / 7, m.f1(), 1e-15);
        assertEquals(m, SkabMetrics.pooled(List.of(new int[0], new int[] {1, 1, 0, 0, 1, 0, 0, 0, 0, 0}),
                List.of(new int[0], new int[] {1, 1, 0, 0, 0, 1, 1, 0, 0, 0})));
    }

    @Test
    void perfectAndHopelessDetectors() {
        int[] labels = {0, 1, 1, 0};
        SkabMetrics perfect = SkabMetrics.of(labels, labels);
        assertEquals(1.0, perfect.f1());
        assertEquals(0.0, perfect.far());
        assertEquals(0.0, perfect.mar());
        SkabMetrics inverted = SkabMetrics.of(labels, new int[] {1, 0, 0, 1});
        assertEquals(0.0, inverted.f1());
        assertEquals(1.0, inverted.far());
        assertEquals(1.0, inverted.mar());
    }

    @Test
    void zeroDenominatorsGiveZeroNotNaN() {
        SkabMetrics allNormalQuiet = SkabMetrics.of(new int[] {0, 0, 0}, new int[] {0, 0, 0});
        assertEquals(0.0, allNormalQuiet.f1());
        assertEquals(0.0, allNormalQuiet.far());
        assertEquals(0.0, allNormalQuiet.mar(), "no anomalous row, so none missed");
        SkabMetrics allAnomalousCaught = SkabMetrics.of(new int[] {1, 1}, new int[] {1, 1});
        assertEquals(1.0, allAnomalousCaught.f1());
        assertEquals(0.0, allAnomalousCaught.far(), "no normal row, so no false alarm");
        assertEquals(0.0, allAnomalousCaught.mar());
    }

    @Test
    void badInputIsNamed() {
        assertMessage("run 1 row 2: prediction 2 is neither 0 nor 1", () -> SkabMetrics.pooled(
                List.of(new int[] {0}, new int[] {0, 0, 0}), List.of(new int[] {0}, new int[] {0, 1, 2})));
        assertMessage("run 0 row 0: label -1 is neither 0 nor 1",
                () -> SkabMetrics.of(new int[] {-1}, new int[] {0}));
        assertMessage("run 0 has 2 labels but 1 predictions", () -> SkabMetrics.of(new int[] {0, 1}, new int[] {0}));
        assertMessage("2 runs of labels but 1 runs of predictions",
                () -> SkabMetrics.pooled(List.of(new int[] {0}, new int[] {0}), List.of(new int[] {0})));
        assertMessage("no test rows", () -> SkabMetrics.pooled(List.of(), List.of()));
        assertMessage("no test rows", () -> SkabMetrics.of(new int[0], new int[0]));
        assertMessage("must not be negative, got tp=1, fp=-1", () -> new SkabMetrics(1, -1, 0, 0));
    }

    private static void assertMessage(String fragment, Executable call) {
        LatentwatchException e = assertThrows(LatentwatchException.class, call);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
}
