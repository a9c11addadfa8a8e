package io.latentwatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellsTest {

    private static final long APRIL_FIRST = Instant.parse("2014-04-01T00:00:00Z").toEpochMilli();

    @ParameterizedTest
    @ValueSource(strings = {"2014-04-01 00:00:00", "2014-04-01T00:00:00", "2014-04-01T00:00:00Z",
        "2014-04-01T00:00:00.000Z", "2014-04-01 00:00:00.000000", "2014-04-01T02:00:00+02:00",
        "2014-04-01T02:00:00+0200", "2014-04-01", "2014-04-01 00:00", " 2014-04-01 00:00:00 ",
        "1396310400", "1396310400000", "1396310400.0"})
    void timestampsOfEveryAcceptedFormAgree(String cell) throws BadCell {
        assertEquals(APRIL_FIRST, Cells.timestamp(cell));
    }

    @Test
    void fractionalSecondsKeepMilliseconds() throws BadCell {
        assertEquals(APRIL_FIRST + 250, Cells.timestamp("2014-04-01T00:00:00.25Z"));
        assertEquals(APRIL_FIRST + 123, Cells.timestamp("2014-04-01 00:00:00.123456789"));
        assertEquals(APRIL_FIRST + 500, Cells.timestamp("1396310400.5"));
        assertEquals(99_999_999_999_000L, Cells.timestamp("99999999999"), "below 1e11: seconds");
        assertEquals(100_000_000_000L, Cells.timestamp("100000000000"), "from 1e11: milliseconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2014-13-01 00:00:00", "2014-02-30 00:00:00",
        "2014-04-01 25:00:00", "2014-04-01 00:61:00", "2014-04-01T00:00:00+25:00", "2014/04/01 00:00:00",
        "2014-04-01 00:00:00.1234567890", "1e9", "99999999999999999999999", "NaN", "2014-04-01 00:00:00 UTC"})
    void badTimestampsSayWhatWasExpected(String cell) {
        BadCell e = assertThrows(BadCell.class, () -> Cells.timestamp(cell));
        assertTrue(e.getMessage().contains("expected") || e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void valuesAcceptDecimalsAndMissingMarkers() throws BadCell {
        assertEquals(-1.5, Cells.value("-1.5"));
        assertEquals(0.002, Cells.value(" 2e-3 "));
        assertEquals(1e308, Cells.value("1e308"));
        assertEquals(-0.5, Cells.value("-.5"));
        assertEquals(3.0, Cells.value("3."));
        for (String missing : new String[] {"", "  ", "NaN", "nan", "null", "NULL", "NA"}) {
            assertTrue(Double.isNaN(Cells.value(missing)), missing);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inf", "-Infinity", "+INF", "1e400", "-1e309"})
    void infiniteValuesAreRejectedAsInfinite(String cell) {
        BadCell e = assertThrows(BadCell.class, () -> Cells.value(cell));
        assertTrue(e.getMessage().contains("infinite"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1d", "0x1p3", "1,5", "1.2.3", "--1", "e5", "1e", "true", "\u0000"})
    void nonNumbersAreRejected(String cell) {
        BadCell e = assertThrows(BadCell.class, () -> Cells.value(cell));
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void labelsAreZeroOrOne() throws BadCell {
        assertEquals(0, Cells.label("0"));
        assertEquals(1, Cells.label("1"));
        assertEquals(0, Cells.label("0.0"));
        assertEquals(1, Cells.label("1.0"));
        for (String bad : new String[] {"2", "0.5", "", "NaN", "yes", "-1"}) {
            assertThrows(BadCell.class, () -> Cells.label(bad), bad);
        }
    }

    @Test
    void showEscapesControlCharactersAndShortens() {
        assertEquals("\"a\\u0000b\"", Cells.show("a\u0000b"));
        assertTrue(Cells.show("x".repeat(500)).length() < 70);
    }
}
