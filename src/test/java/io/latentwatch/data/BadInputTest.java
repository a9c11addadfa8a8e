package io.latentwatch.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad files are data too: each must fail with a message that says where and what was expected. */
class BadInputTest {

    @TempDir
    Path dir;

    static Stream<Arguments> badCsv() {
        return Stream.of(
                Arguments.of("empty file", "", List.of("empty", "expected a header")),
                Arguments.of("only blank lines", "\n\r\n  \n", List.of("empty")),
                Arguments.of("only a BOM", "\uFEFF", List.of("empty")),
                Arguments.of("header only", "timestamp,value\n", List.of("no data rows")),
                Arguments.of("header only with BOM", "\uFEFFtimestamp,value", List.of("no data rows")),
                Arguments.of("not a number", "timestamp,value\n1,2\n2,abc\n",
                        List.of("line 3", "column 'value' (2)", "\"abc\"", "not a number", "expected")),
                Arguments.of("infinite spelled out", "timestamp,value\n1,inf\n",
                        List.of("line 2", "'value'", "infinite")),
                Arguments.of("infinite by overflow", "timestamp,value\n1,1\n2,1e400\n",
                        List.of("line 3", "\"1e400\"", "infinite")),
                Arguments.of("bad timestamp", "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 0O:30:00,2\n",
                        List.of("line 3", "column 'timestamp' (1)", "not a timestamp", "expected an ISO-8601")),
                Arguments.of("impossible date", "timestamp,value\n2014-02-30 00:00:00,1\n",
                        List.of("line 2", "not a valid date-time")),
                Arguments.of("missing timestamp", "timestamp,value\n,1\n", List.of("line 2", "'timestamp'")),
                Arguments.of("too few fields", "timestamp,a,b\n1,2,3\n2,3\n",
                        List.of("line 3", "2 fields, expected 3", "timestamp, a, b")),
                Arguments.of("too many fields", "timestamp,a\n1,2,3\n", List.of("line 2", "3 fields, expected 2")),
                Arguments.of("truncated last line", "timestamp,a,b\n2014-04-01 00:00:00,1,2\n2014-04-01 00:0",
                        List.of("line 3", "1 field, expected 3")),
                Arguments.of("truncated inside a quote", "timestamp,a\n1,\"2", List.of("line 2", "not closed")),
                Arguments.of("duplicate columns", "timestamp,a,b,a\n1,2,3,4\n",
                        List.of("line 1", "columns 2 and 4", "'a'", "unique")),
                Arguments.of("unnamed column", "timestamp,,b\n1,2,3\n", List.of("header column 2", "no name")),
                Arguments.of("no numeric column", "timestamp,name\n1,pump\n",
                        List.of("no numeric channel columns", "timestamp, name")),
                Arguments.of("text in a numeric column later", "timestamp,v\n1,1\n2,true\n",
                        List.of("line 3", "\"true\"", "not a number")),
                Arguments.of("NUL bytes", "timestamp,v\n1,\u0000\u0000\n", List.of("'v'", "\\u0000\\u0000")),
                Arguments.of("NUL bytes in a named channel", "timestamp,v,w\n1,2,3\n2,\u0000,3\n",
                        List.of("line 3", "'v'", "\\u0000", "not a number")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsv")
    void badCsvFailsWithAPreciseMessage(String what, String text, List<String> fragments) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.CSV), fragments, file);
    }

    @Test
    void garbageBytesAreNotText() throws IOException {
        Path file = dir.resolve("garbage.csv");
        byte[] bytes = {'t', ',', 'v', '\n', '1', ',', (byte) 0xC3, (byte) 0x28, '\n', (byte) 0xFF, (byte) 0xFE};
        Files.write(file, bytes);
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.CSV), List.of("not UTF-8"), file);
    }

    @Test
    void missingColumnsListTheAvailableOnes() throws IOException {
        Path file = dir.resolve("cols.csv");
        Files.writeString(file, "time,a,b\n1,2,3\n");
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.CSV,
                CsvOptions.defaults().withChannelColumns(List.of("a", "c"))),
                List.of("no column named 'c'", "available columns: time, a, b"), file);
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.CSV, CsvOptions.defaults().withTimestampColumn("ts")),
                List.of("no column named 'ts'"), file);
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.CSV, CsvOptions.defaults().withLabelColumn("y")),
                List.of("no column named 'y'"), file);
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.NAB),
                List.of("no column named 'timestamp'", "time, a, b"), file);
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.SKAB), List.of("no column named 'datetime'"), file);
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.CSV,
                CsvOptions.defaults().withChannelColumns(List.of("time"))), List.of("timestamp column"), file);
    }

    @Test
    void badLabelsAreRejected() throws IOException {
        Path file = dir.resolve("skab.csv");
        Files.writeString(file, "datetime;x;anomaly;changepoint\n2020-03-09 10:14:33;1;0.0;0.0\n"
                + "2020-03-09 10:14:34;1;0.5;0.0\n");
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.SKAB),
                List.of("line 3", "column 'anomaly' (3)", "\"0.5\"", "expected 0 or 1"), file);
    }

    @Test
    void aSkabFileReadAsCommaSeparatedIsCaught() throws IOException {
        Path file = dir.resolve("skab.csv");
        Files.writeString(file, "datetime;x;anomaly;changepoint\n2020-03-09 10:14:33;1;0;0\n");
        assertFailsWith(() -> SeriesReader.read(file, DataFormat.CSV), List.of("no numeric channel columns"), file);
    }

    @Test
    void absentFilesAndDirectoriesAreReported() {
        Path absent = dir.resolve("absent.csv");
        assertFailsWith(() -> SeriesReader.read(absent, DataFormat.NAB), List.of("no such file"), absent);
        assertFailsWith(() -> SeriesReader.read(dir, DataFormat.NAB), List.of("cannot read"), dir);
    }

    private static void assertFailsWith(Runnable read, List<String> fragments, Path file) {
        LatentwatchException e = assertThrows(LatentwatchException.class, read::run);
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), "names the file: " + message);
        for (String fragment : fragments) {
            assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        }
    }
}
