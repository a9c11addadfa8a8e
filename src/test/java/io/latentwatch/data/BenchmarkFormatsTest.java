package io.latentwatch.data;

import static io.latentwatch.data.CsvSeriesReaderTest.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class BenchmarkFormatsTest {

    private static final Path SHARED = Path.of("/work/shared/data");
    private static final List<String> SKAB_CHANNELS = List.of("Accelerometer1RMS", "Accelerometer2RMS", "Current",
            "Pressure", "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS");

    @Test
    void readsANabFile() {
        TimeSeries s = SeriesReader.read(resource("nab/nyc_taxi_first_day.csv"), DataFormat.NAB);
        assertEquals(List.of("value"), s.channels());
        assertEquals(48, s.rows());
        assertEquals(Instant.parse("2014-07-01T00:00:00Z").toEpochMilli(), s.timestamps()[0]);
        assertEquals(30 * 60_000L, s.timestamps()[1] - s.timestamps()[0]);
        assertEquals(10844, s.values()[0][0]);
        assertEquals(16111, s.values()[47][0]);
        assertNull(s.labels());
    }

    @Test
    void readsASkabStyleFileWithLabelsFromTheAnomalyColumn() {
        TimeSeries s = SeriesReader.read(resource("skab_style.csv"), DataFormat.SKAB);
        assertEquals(List.of("Accelerometer1RMS", "Current", "Volume Flow RateRMS"), s.channels());
        assertArrayEquals(new int[] {0, 0, 1, 1}, s.labels());
        assertEquals(Instant.parse("2020-03-09T10:14:35Z").toEpochMilli(), s.timestamps()[2]);
        assertTrue(Double.isNaN(s.values()[2][1]));
        assertEquals(31.8, s.values()[3][2]);
    }

    @Test
    void aSkabFileWithoutAnAnomalyColumnHasNoLabels() {
        TimeSeries s = SeriesReader.read(resource("skab_style_anomaly_free.csv"), DataFormat.SKAB);
        assertEquals(List.of("Accelerometer1RMS", "Current"), s.channels());
        assertNull(s.labels());
    }

    @Test
    void readsTheRealNycTaxiFileWhenPresent() {
        Path file = SHARED.resolve("nab/data/realKnownCause/nyc_taxi.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "NAB data not present");
        TimeSeries s = SeriesReader.read(file, DataFormat.NAB);
        assertEquals(10320, s.rows());
        assertEquals(List.of("value"), s.channels());
    }

    @Test
    void readsTheRealSkabValve1RunWhenPresent() {
        Path file = SHARED.resolve("skab/valve1/0.csv");
        Assumptions.assumeTrue(Files.isRegularFile(file), "SKAB data not present");
        TimeSeries s = SeriesReader.read(file, DataFormat.SKAB);
        assertEquals(1147, s.rows());
        assertEquals(SKAB_CHANNELS, s.channels());
        int anomalies = 0;
        for (int label : s.labels()) {
            anomalies += label;
        }
        assertTrue(anomalies > 0 && anomalies < s.rows(), "valve1/0 has some but not only anomalous rows");
        assertEquals(Instant.parse("2020-03-09T10:14:33Z").toEpochMilli(), s.timestamps()[0]);
    }

    @Test
    void everySharedNabFileReadsAndItsLabelWindowsFallOnItsRows() throws IOException {
        Path labelsFile = SHARED.resolve("nab/labels/combined_windows.json");
        Assumptions.assumeTrue(Files.isRegularFile(labelsFile), "NAB data not present");
        Map<String, List<long[]>> labels = NabLabels.read(labelsFile);
        for (Map.Entry<String, List<long[]>> entry : labels.entrySet()) {
            TimeSeries s = SeriesReader.read(SHARED.resolve("nab/data").resolve(entry.getKey()), DataFormat.NAB);
            assertTrue(s.rows() > 1000, entry.getKey());
            Set<Long> times = new HashSet<>();
            for (long t : s.timestamps()) {
                times.add(t);
            }
            for (long[] window : entry.getValue()) {
                assertTrue(times.contains(window[0]) && times.contains(window[1]), entry.getKey());
            }
        }
    }

    @Test
    void everySharedSkabRunReads() throws IOException {
        Path valve1 = SHARED.resolve("skab/valve1");
        Assumptions.assumeTrue(Files.isDirectory(valve1), "SKAB data not present");
        List<Path> runs;
        try (Stream<Path> files = Files.list(valve1)) {
            runs = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        assertFalse(runs.isEmpty());
        for (Path run : runs) {
            TimeSeries s = SeriesReader.read(run, DataFormat.SKAB);
            assertEquals(SKAB_CHANNELS, s.channels(), run.toString());
            assertEquals(s.rows(), s.labels().length);
        }
        Path free = SHARED.resolve("skab/anomaly-free/anomaly-free.csv");
        if (Files.isRegularFile(free)) {
            TimeSeries s = SeriesReader.read(free, DataFormat.SKAB);
            assertEquals(SKAB_CHANNELS, s.channels());
            assertNull(s.labels());
        }
    }
}
