package io.latentwatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSeriesReaderTest {

    @TempDir
    Path dir;

    static Path resource(String name) {
        try {
            return Path.of(CsvSeriesReaderTest.class.getResource("/data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("series.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void defaultsPickTheTimeColumnAndEveryNumericColumnInFileOrder() {
        TimeSeries s = SeriesReader.read(resource("generic.csv"), DataFormat.CSV);
        assertEquals(List.of("id", "temp", "pressure", "flag"), s.channels());
        assertArrayEquals(new long[] {ms("2014-04-01T00:00:00Z"), ms("2014-04-01T00:00:01.500Z"),
            ms("2014-04-01T00:00:03Z")}, s.timestamps());
        assertArrayEquals(new double[] {1, 20.5, 1013, 0}, s.values()[0]);
        assertTrue(Double.isNaN(s.values()[1][1]), "empty cell is missing");
        assertTrue(Double.isNaN(s.values()[2][1]) && Double.isNaN(s.values()[2][2]), "NaN and null are missing");
        assertNull(s.labels());
    }

    @Test
    void explicitChannelsKeepTheirOrderAndALabelColumnBecomesLabels() {
        CsvOptions options = CsvOptions.defaults().withTimestampColumn("time")
                .withChannelColumns(List.of("pressure", "temp")).withLabelColumn("flag");
        TimeSeries s = SeriesReader.read(resource("generic.csv"), DataFormat.CSV, options);
        assertEquals(List.of("pressure", "temp"), s.channels());
        assertArrayEquals(new double[] {1013, 20.5}, s.values()[0]);
        assertArrayEquals(new int[] {0, 1, 0}, s.labels());
    }

    @Test
    void firstColumnIsTheTimestampWhenNoneIsNamedSoAndEpochSecondsOrMillisBothWork() throws IOException {
        TimeSeries seconds = SeriesReader.read(write("t,a,b\n1396310400,1,2\n1396310401,3,4\n"), DataFormat.CSV);
        assertEquals(List.of("a", "b"), seconds.channels());
        assertArrayEquals(new long[] {ms("2014-04-01T00:00:00Z"), ms("2014-04-01T00:00:01Z")}, seconds.timestamps());
        TimeSeries millis = SeriesReader.read(write("a,Time\n7,1396310400000\n"), DataFormat.CSV);
        assertEquals(List.of("a"), millis.channels());
        assertEquals(ms("2014-04-01T00:00:00Z"), millis.timestamps()[0]);
    }

    @Test
    void otherDelimitersAndABomAreFine() throws IOException {
        TimeSeries s = SeriesReader.read(write("\uFEFFdate\tx\n2014-04-01\t1.5\n"), DataFormat.CSV,
                CsvOptions.defaults().withDelimiter('\t'));
        assertEquals(List.of("x"), s.channels());
        assertEquals(1.5, s.values()[0][0]);
    }

    @Test
    void aColumnMissingInEarlyRowsIsDecidedByItsFirstValue() throws IOException {
        StringBuilder text = new StringBuilder("timestamp,status,value\n");
        for (int i = 0; i < 20; i++) {
            text.append(1396310400 + i).append(",,").append(i).append('\n');
        }
        text.append("1396310420,running,20\n");
        TimeSeries s = SeriesReader.read(write(text.toString()), DataFormat.CSV);
        assertEquals(List.of("value"), s.channels());
        assertEquals(21, s.rows());
    }

    @Test
    void timestampsGoingBackwardsKeepFileOrder() throws IOException {
        TimeSeries s = SeriesReader.read(write("timestamp,v\n20,1\n10,2\n10,3\n"), DataFormat.CSV);
        assertArrayEquals(new long[] {20_000, 10_000, 10_000}, s.timestamps());
    }

    @Test
    void hugeButFiniteValuesAreKept() throws IOException {
        TimeSeries s = SeriesReader.read(write("timestamp,v\n1,1e308\n2,-1.7976931348623157e308\n3,4.9e-324\n"),
                DataFormat.CSV);
        assertEquals(1e308, s.values()[0][0]);
        assertEquals(-Double.MAX_VALUE, s.values()[1][0]);
        assertEquals(Double.MIN_VALUE, s.values()[2][0]);
    }

    @Test
    void aLargeFileStreamsThrough() throws IOException {
        Path file = dir.resolve("large.csv");
        int rows = 200_000;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("timestamp,a,b\n");
            for (int i = 0; i < rows; i++) {
                out.write((1_600_000_000_000L + i * 1000L) + "," + i + "," + (i * 0.5) + "\n");
            }
        }
        TimeSeries s = SeriesReader.read(file, DataFormat.CSV);
        assertEquals(rows, s.rows());
        assertEquals(rows - 1, s.values()[rows - 1][0]);
        assertEquals(1_600_000_000_000L + (rows - 1) * 1000L, s.timestamps()[rows - 1]);
    }

    @Test
    void optionsAreValidated() {
        assertThrows(LatentwatchException.class, () -> CsvOptions.defaults().withDelimiter('"'));
        assertThrows(LatentwatchException.class, () -> CsvOptions.defaults().withDelimiter('\n'));
        assertThrows(LatentwatchException.class, () -> CsvOptions.defaults().withChannelColumns(List.of("a", "a")));
        assertThrows(LatentwatchException.class, () -> CsvOptions.defaults().withChannelColumns(List.of(" ")));
        assertThrows(LatentwatchException.class,
                () -> CsvOptions.defaults().withTimestampColumn("t").withChannelColumns(List.of("t")));
        assertThrows(LatentwatchException.class,
                () -> CsvOptions.defaults().withTimestampColumn("t").withLabelColumn("t"));
    }
}
