package io.latentwatch.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NabLabelsTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("combined_windows.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void readsWindowsPerFileInFileOrder() throws IOException {
        Map<String, List<long[]>> labels = NabLabels.read(write("""
                {
                  "realKnownCause/b.csv": [
                    ["2014-02-19 10:50:00.000000", "2014-02-20 03:30:00.000000"],
                    ["2014-02-21 00:00:00.000000", "2014-02-21 00:00:00.000000"]
                  ],
                  "artificialNoAnomaly/a.csv": []
                }
                """));
        assertEquals(List.of("realKnownCause/b.csv", "artificialNoAnomaly/a.csv"), List.copyOf(labels.keySet()));
        List<long[]> b = labels.get("realKnownCause/b.csv");
        assertEquals(2, b.size());
        assertArrayEquals(new long[] {ms("2014-02-19T10:50:00Z"), ms("2014-02-20T03:30:00Z")}, b.get(0));
        assertEquals(b.get(1)[0], b.get(1)[1], "a one-row window is allowed");
        assertTrue(labels.get("artificialNoAnomaly/a.csv").isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> labels.put("x", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON|{\"a.csv\": [[|not valid JSON",
        "trailing garbage|{} x|not valid JSON",
        "an array at the top|[]|expected a JSON object",
        "empty file|''|expected a JSON object",
        "windows not an array|{\"a.csv\": 3}|key 'a.csv'",
        "window of one|{\"a.csv\": [[\"2014-02-19 10:50:00\"]]}|key 'a.csv', window 0",
        "numbers not strings|{\"a.csv\": [[1, 2]]}|key 'a.csv', window 0",
        "bad timestamp|{\"a.csv\": [[\"2014-02-19 10:50:00\", \"later\"]]}|key 'a.csv', window 0 end",
        "backwards window|{\"a.csv\": [[\"2014-02-20 00:00:00\", \"2014-02-19 00:00:00\"]]}|before it starts",
        "duplicate key|{\"a.csv\": [], \"a.csv\": []}|not valid JSON",
    })
    void malformedFilesNameTheFileAndTheKey(String what, String json, String fragment) throws IOException {
        Path file = write(json);
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> NabLabels.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void anAbsentFileIsReported() {
        Path absent = dir.resolve("absent.json");
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> NabLabels.read(absent));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void readsTheRealNabLabelsWhenPresent() {
        Path file = Path.of("/work/shared/data/nab/labels/combined_windows.json");
        Assumptions.assumeTrue(Files.isRegularFile(file), "NAB labels not present");
        Map<String, List<long[]>> labels = NabLabels.read(file);
        assertEquals(24, labels.size());
        assertEquals(39, labels.values().stream().mapToInt(List::size).sum());
        List<long[]> taxi = labels.get("realKnownCause/nyc_taxi.csv");
        assertEquals(5, taxi.size());
        assertArrayEquals(new long[] {ms("2014-10-30T15:30:00Z"), ms("2014-11-03T22:30:00Z")}, taxi.get(0));
    }
}
