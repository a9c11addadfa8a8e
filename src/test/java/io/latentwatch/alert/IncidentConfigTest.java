package io.latentwatch.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad incident settings fail at construction, naming the bad value and the allowed range. */
class IncidentConfigTest {

    @Test
    void defaults() {
        IncidentConfig d = IncidentConfig.DEFAULT;
        assertEquals(2, d.k());
        assertEquals(4, d.n());
        assertEquals(8, d.m());
        assertEquals(0, d.updateEvery());
        assertEquals(SeverityBands.DEFAULT, d.bands());
        assertEquals(new IncidentConfig(1, 64, 1, 1), new IncidentConfig(1, 64, 1, 1, SeverityBands.DEFAULT));
    }

    @Test
    void counts() {
        assertFails(() -> new IncidentConfig(2, 0, 8, 0), "n must be in [1, 64]", "got 0");
        assertFails(() -> new IncidentConfig(2, 65, 8, 0), "n must be in [1, 64]", "got 65");
        assertFails(() -> new IncidentConfig(0, 4, 8, 0), "k must be in [1, n=4]", "got 0");
        assertFails(() -> new IncidentConfig(5, 4, 8, 0), "k must be in [1, n=4]", "got 5");
        assertFails(() -> new IncidentConfig(2, 4, 0, 0), "m must be in [1, ", "got 0");
        assertFails(() -> new IncidentConfig(2, 4, 8, -1), "updateEvery must be 0 (off) or in [1, ", "got -1");
        assertFails(() -> new IncidentConfig(2, 4, 8, 0, null), "bands", "null", "1.5, 3, 10");
    }

    @Test
    void severityBands() {
        assertFails(() -> new SeverityBands(1, 3, 10), "medium", "(1, inf)", "got 1.0");
        assertFails(() -> new SeverityBands(Double.NaN, 3, 10), "medium", "got NaN");
        assertFails(() -> new SeverityBands(2, 2, 10), "high", "(medium=2.0, inf)", "got 2.0");
        assertFails(() -> new SeverityBands(2, 3, 2.5), "critical", "(high=3.0, inf)", "got 2.5");
        assertFails(() -> new SeverityBands(2, 3, Double.POSITIVE_INFINITY), "critical", "finite", "got Infinity");
    }

    @Test
    void severityBandEdgesBelongToTheHigherLevel() {
        SeverityBands b = SeverityBands.DEFAULT;
        assertEquals(Severity.LOW, b.of(1.0001));
        assertEquals(Severity.LOW, b.of(1.4999));
        assertEquals(Severity.MEDIUM, b.of(1.5));
        assertEquals(Severity.MEDIUM, b.of(2.9999));
        assertEquals(Severity.HIGH, b.of(3));
        assertEquals(Severity.HIGH, b.of(9.9999));
        assertEquals(Severity.CRITICAL, b.of(10));
        assertEquals(Severity.CRITICAL, b.of(1e6));
    }

    static void assertFails(Executable action, String... fragments) {
        LatentwatchException e = assertThrows(LatentwatchException.class, action);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
        }
    }
}
