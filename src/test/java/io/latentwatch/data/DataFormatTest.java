package io.latentwatch.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import org.junit.jupiter.api.Test;

class DataFormatTest {

    @Test
    void parsesCommandLineWordsIgnoringCase() {
        assertEquals(DataFormat.CSV, DataFormat.parse("csv"));
        assertEquals(DataFormat.NAB, DataFormat.parse("NAB"));
        assertEquals(DataFormat.SKAB, DataFormat.parse(" Skab "));
        assertEquals("skab", DataFormat.SKAB.word());
    }

    @Test
    void badWordListsTheChoices() {
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> DataFormat.parse("parquet"));
        assertTrue(e.getMessage().contains("'parquet'"), e.getMessage());
        assertTrue(e.getMessage().contains("csv, nab, skab"), e.getMessage());
        assertThrows(LatentwatchException.class, () -> DataFormat.parse(null));
        assertThrows(LatentwatchException.class, () -> DataFormat.parse(""));
    }
}
