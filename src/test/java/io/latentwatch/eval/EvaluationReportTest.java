package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.alert.Severity;
import io.latentwatch.report.Incident;
import io.latentwatch.report.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {
    private static final double NAN = Double.NaN;

    @Test
    void timestampsThatStepBackAreDrawnAtTheRunningMaximum() {
        assertArrayEquals(new long[] {1, 5, 5, 5, 7}, EvaluationReport.nonDecreasing(new long[] {1, 5, 3, 5, 7}));
    }

    @Test
    void incidentsAreRunsOfAlertRowsWithTheSeverityOfTheirPeakRatio() {
        long[] times = {0, 10, 20, 30, 40, 50, 60};
        RowVerdicts v = new RowVerdicts(new double[7], new int[] {0, 1, 1, 0, 0, 1, 1},
                new double[] {1, 2, 3.5, 1, 1, 16, NAN}, new double[] {1, 1, 1, 1, 1, 1, NAN}, 6, 2);
        List<Incident> incidents = EvaluationReport.incidents(v, times);
        assertEquals(2, incidents.size());
        assertEquals(new Incident(10, 20, Severity.HIGH, true), incidents.get(0), "peak 3.5x: HIGH, closed");
        assertEquals(new Incident(50, 60, Severity.CRITICAL, false), incidents.get(1), "still open at the end");
    }

    @Test
    void labelRunsCoverOnlyScoredRows() {
        long[] times = {0, 10, 20, 30, 40, 50};
        List<Span> spans = EvaluationReport.labelRuns(new int[] {1, 1, 0, 1, 1, 1}, times, 1);
        assertEquals(List.of(new Span(10, 10), new Span(30, 50)), spans);
        assertTrue(EvaluationReport.labelRuns(null, times, 0).isEmpty());
        assertFalse(EvaluationReport.labelRuns(new int[] {0, 0, 0, 0, 0, 1}, times, 0).isEmpty());
    }
}
