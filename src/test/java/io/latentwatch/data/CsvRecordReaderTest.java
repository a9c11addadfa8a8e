package io.latentwatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static List<String[]> records(String text, char delimiter) throws IOException {
        CsvRecordReader reader = new CsvRecordReader(new StringReader(text), delimiter, "test.csv");
        List<String[]> out = new ArrayList<>();
        for (String[] r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }

    @Test
    void splitsQuotedFieldsWithDelimitersEscapedQuotesAndLineBreaks() throws IOException {
        List<String[]> r = records("a,\"b,c\",\"say \"\"hi\"\"\"\n\"x\ny\",,\"\"\n", ',');
        assertEquals(2, r.size());
        assertArrayEquals(new String[] {"a", "b,c", "say \"hi\""}, r.get(0));
        assertArrayEquals(new String[] {"x\ny", "", ""}, r.get(1));
    }

    @Test
    void acceptsLfCrlfAndCrAndSkipsBlankLines() throws IOException {
        List<String[]> r = records("a;b\r\n1;2\r\n\r\n3;4\r5;6\n\n   \n", ';');
        assertEquals(4, r.size());
        assertArrayEquals(new String[] {"5", "6"}, r.get(3));
    }

    @Test
    void dropsALeadingByteOrderMarkOnly() throws IOException {
        List<String[]> r = records("\uFEFFtimestamp,value\n1,\uFEFF\n", ',');
        assertArrayEquals(new String[] {"timestamp", "value"}, r.get(0));
        assertArrayEquals(new String[] {"1", "\uFEFF"}, r.get(1));
        assertNull(new CsvRecordReader(new StringReader("\uFEFF"), ',', "x").next());
    }

    @Test
    void reportsTheLineWhereEachRecordStarts() throws IOException {
        CsvRecordReader reader = new CsvRecordReader(
                new StringReader("h1,h2\n\n\"multi\r\nline\",2\r\nlast,3"), ',', "x");
        reader.next();
        assertEquals(1, reader.recordLine());
        reader.next();
        assertEquals(3, reader.recordLine());
        assertArrayEquals(new String[] {"last", "3"}, reader.next());
        assertEquals(5, reader.recordLine());
        assertNull(reader.next());
    }

    @Test
    void rejectsAnUnclosedQuoteAndTextAfterAClosingQuote() {
        LatentwatchException open = assertThrows(LatentwatchException.class, () -> records("a,\"b\n1,2\n", ','));
        assertTrue(open.getMessage().contains("test.csv: line 1") && open.getMessage().contains("not closed"),
                open.getMessage());
        LatentwatchException after = assertThrows(LatentwatchException.class, () -> records("a\n\"b\"c\n", ','));
        assertTrue(after.getMessage().contains("line 2") && after.getMessage().contains("after a closing quote"),
                after.getMessage());
    }

    @Test
    void rejectsARecordLongerThanTheLimit() {
        String huge = "x".repeat(CsvRecordReader.MAX_RECORD_CHARS + 10);
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> records(huge, ','));
        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }
}
