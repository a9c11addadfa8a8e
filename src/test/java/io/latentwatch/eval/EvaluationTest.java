package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.TestModels;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.train.TrainOptions;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluation's detection half: no labels before scoring, and what each row is given. */
class EvaluationTest {
    @TempDir
    Path dir;

    private static EvaluationOptions tiny() {
        TrainOptions t = new TrainOptions("x", 16, 1, new int[] {16}, 4, 8, 32, 0.003, 0, 3, 0, 0.2, 0.99, 1.5);
        return new EvaluationOptions(t, DetectorConfig.defaults(), 400, null);
    }

    @Test
    void nabFilesAreFoundThroughLinkedFoldersAndALoopIsAnErrorNamingTheFolder() throws IOException {
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/realTraffic"));
        Files.writeString(elsewhere.resolve("speed.csv"), "timestamp,value\n2015-09-01 00:00:00,1.0\n");
        Path data = Files.createDirectories(dir.resolve("nab/data"));
        Files.createDirectories(data.resolve("realKnownCause"));
        Files.writeString(data.resolve("realKnownCause/taxi.csv"), "timestamp,value\n2015-09-01 00:00:00,1.0\n");
        Files.createSymbolicLink(data.resolve("realTraffic"), elsewhere);
        assertEquals(List.of("realKnownCause/taxi.csv", "realTraffic/speed.csv"),
                Evaluation.files(dir.resolve("nab"), DataFormat.NAB).stream().map(Evaluation.DataFile::key).toList());

        Files.createSymbolicLink(elsewhere.resolve("loop"), data);
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> Evaluation.files(dir.resolve("nab"), DataFormat.NAB));
        assertTrue(e.getMessage().contains("cannot list " + data), e.getMessage());
    }

    @Test
    void detectionRunsWithoutTheLabelsFileWhichIsReadOnlyWhenScoring() throws IOException {
        Path data = dir.resolve("nab");
        SyntheticBenchmarks.nab(data, false);
        assertFalse(Files.exists(data.resolve("labels")));
        List<String> done = new ArrayList<>();
        List<FileDetection> detections = Evaluation.detect(data, DataFormat.NAB, tiny(), dir.resolve("out"),
                Files.createDirectories(dir.resolve("scratch")), d -> done.add(d.key()));
        assertEquals(List.of("synthetic/plain.csv", "synthetic/spike.csv"), done);
        // Only now do the labels exist; scoring reads them.
        SyntheticBenchmarks.nabLabels(data);
        Map<String, Object> summary = EvaluationScoring.nab(detections,
                data.resolve("labels/combined_windows.json"));
        assertTrue(summary.containsKey("nab") && summary.containsKey("nab_alerts"));
    }

    @Test
    void eachFilesModelIsTrainedWithEveryOptionGivenButItsNameAndTrainingRows() throws Exception {
        TrainOptions given = new TrainOptions("evaluate", 12, 2, new int[] {24, 12}, 5, 9, 16, 0.01, 3, 77, 0, 0.25,
                0.98, 1.7, io.latentwatch.train.ArchitectureOptions.DENSE, TrainOptions.AUTO_SEASONAL_LAG, 3);
        TrainOptions perFile = Evaluation.renamed(given, "realKnownCause/nyc taxi.csv");
        assertEquals("realKnownCause_nyc_taxi", perFile.name());
        for (java.lang.reflect.RecordComponent c : TrainOptions.class.getRecordComponents()) {
            if (c.getName().equals("name") || c.getName().equals("trainRows")) {
                continue;
            }
            Object expected = c.getAccessor().invoke(given);
            Object actual = c.getAccessor().invoke(perFile);
            assertTrue(java.util.Objects.deepEquals(expected, actual), c.getName() + ": given " + expected
                    + ", per-file model " + actual);
        }
    }

    @Test
    void noDetectionMethodTakesLabels() {
        for (Class<?> type : List.of(Evaluation.class, DetectorRun.class)) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers())) {
                    assertFalse(Arrays.stream(m.getParameterTypes()).anyMatch(p -> p == int[].class || p == List.class
                            || p == Map.class), () -> m + " takes something label-shaped");
                }
            }
        }
    }

    @Test
    void skabLabelsAreDroppedAsTheRowsAreReadAndTheDetectorRefusesLabelledSeries() throws IOException {
        Path run = SyntheticBenchmarks.skab(dir).get(0);
        TimeSeries rows = Evaluation.unlabelled(run, DataFormat.SKAB, null);
        assertNull(rows.labels());
        assertEquals(List.of("Accelerometer1RMS", "Current", "Pressure"), rows.channels());
        TimeSeries labelled = new TimeSeries(rows.timestamps(), rows.channels(), rows.values(),
                new int[rows.rows()]);
        try (DetectorModel model = TestModels.load(dir.resolve("model"))) {
            assertThrows(LatentwatchException.class, () -> DetectorRun.run(model, DetectorConfig.defaults(), "e",
                    labelled, dir.resolve("state")));
        }
    }

    @Test
    void rowsBeforeTheFirstWindowScoreZeroAndAlertsCoverOpenThroughClose() {
        TimeSeries normal = TestModels.normalSeries(900, 5);
        double[][] values = normal.values();
        for (int i = 600; i < 630; i++) {
            values[i][1] += 40;
        }
        TimeSeries series = new TimeSeries(normal.timestamps(), normal.channels(), values, null);
        RowVerdicts v;
        try (DetectorModel model = TestModels.load(dir.resolve("model"))) {
            v = DetectorRun.run(model, DetectorConfig.defaults(), "pump", series, dir.resolve("state"));
        }
        assertFalse(Files.exists(dir.resolve("state")), "state is cleaned up");
        assertEquals(900, v.rows());
        // The test model has window 16, hop 4: the first window ends at row 15, then every 4th row.
        for (int i = 0; i < TestModels.WINDOW - 1; i++) {
            assertEquals(0.0, v.anomalyScores()[i]);
            assertTrue(Double.isNaN(v.rawScores()[i]));
        }
        assertFalse(Double.isNaN(v.rawScores()[TestModels.WINDOW - 1]));
        assertTrue(Double.isNaN(v.rawScores()[TestModels.WINDOW]), "no window ends between hops");
        assertEquals(v.anomalyScores()[TestModels.WINDOW - 1], v.anomalyScores()[TestModels.WINDOW],
                "a row between window ends keeps the latest verdict");
        assertEquals((900 - TestModels.WINDOW) / TestModels.HOP + 1, v.windows());
        assertEquals(1, v.incidents());
        int first = -1;
        int last = -1;
        for (int i = 0; i < v.rows(); i++) {
            if (v.alerts()[i] == 1) {
                first = first < 0 ? i : first;
                last = i;
            }
            assertTrue(v.anomalyScores()[i] >= 0 && v.anomalyScores()[i] <= 1);
        }
        assertTrue(first >= 600 && first < 640, "opens at the disturbance, row " + first);
        for (int i = first; i <= last; i++) {
            assertEquals(1, v.alerts()[i], "alert is continuous from open to close, row " + i);
        }
        assertTrue(last > 630 && last < 899, "closes after the disturbance, row " + last);
        // The row that opened the incident had a window above its threshold: score above 0.5.
        assertTrue(v.anomalyScores()[first] > 0.5);
    }

    @Test
    void theAnomalyScoreIsHalfAtTheThresholdAndMonotone() {
        assertEquals(0.5, RowVerdicts.anomalyScore(2, 2), 1e-12);
        assertEquals(0.0, RowVerdicts.anomalyScore(0, 2));
        assertTrue(RowVerdicts.anomalyScore(3, 2) > RowVerdicts.anomalyScore(2.5, 2));
        assertEquals(1.0, RowVerdicts.anomalyScore(Double.POSITIVE_INFINITY, 2));
        assertEquals(0.0, RowVerdicts.anomalyScore(Double.NaN, 2));
    }
}
