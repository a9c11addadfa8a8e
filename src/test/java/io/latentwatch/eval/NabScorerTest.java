package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NabScorerTest {

    private static final long T0 = 1_400_000_000_000L;
    private static final long MINUTE = 60_000L;

    /** A file of {@code rows} one-minute rows, all scores 0, windows given as {first, last} rows. */
    private static NabFile file(String name, int rows, int[][] windowRows, int... detections) {
        long[] timestamps = new long[rows];
        for (int i = 0; i < rows; i++) {
            timestamps[i] = T0 + i * MINUTE;
        }
        double[] scores = new double[rows];
        for (int d : detections) {
            scores[d] = 1.0;
        }
        List<long[]> windows = new ArrayList<>();
        for (int[] w : windowRows) {
            windows.add(new long[] {timestamps[w[0]], timestamps[w[1]]});
        }
        return new NabFile(name, timestamps, scores, windows);
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertEquals(15, NabScorer.probationaryRows(100));
        assertEquals(243, NabScorer.probationaryRows(1624));
        assertEquals(750, NabScorer.probationaryRows(5000));
        assertEquals(750, NabScorer.probationaryRows(22695));
        assertEquals(0, NabScorer.probationaryRows(6));
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void aDetectionOnAWindowsFirstRowScoresExactlyTp(NabProfile profile) {
        NabFile f = file("a.csv", 100, new int[][] {{40, 49}}, 40);
        NabResult result = NabScorer.score(List.of(f), profile);
        assertEquals(profile.tp(), result.raw(), 0.0);
        assertEquals(100.0, result.normalized(), 1e-12);
        assertEquals(1.0, result.threshold());
        double[] w = NabScorer.rowWeights(f.timestamps(), f.windows(), profile);
        assertEquals(profile.tp(), w[40], 0.0);
        assertTrue(w[41] < w[40] && w[49] < w[41] && w[49] > 0, "later rows in a window are worth less");
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void noDetectionsCostFnPerWindow(NabProfile profile) {
        NabFile f = file("a.csv", 200, new int[][] {{40, 49}, {120, 139}});
        NabResult result = NabScorer.score(List.of(f), profile);
        assertEquals(NabScorer.NO_DETECTIONS, result.threshold());
        assertEquals(-2 * profile.fn(), result.raw(), 0.0);
        assertEquals(result.nullScore(), result.raw(), 0.0);
        assertEquals(0.0, result.normalized(), 0.0);
        assertEquals(2, result.windows());
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void falsePositivesCostLessRightAfterAWindowAndFpFarAfterIt(NabProfile profile) {
        int[][] window = {{200, 209}};
        double hit = profile.tp();
        double far = NabScorer.scoreAt(List.of(file("a.csv", 1000, window, 200, 900)), profile, 0.5).raw();
        assertEquals(hit - profile.fp(), far, 1e-12);
        double near = NabScorer.scoreAt(List.of(file("a.csv", 1000, window, 200, 215)), profile, 0.5).raw();
        assertTrue(near - hit > -profile.fp() && near - hit < -0.9 * profile.fp(), "near: " + near);
        double adjacent = NabScorer.scoreAt(List.of(file("a.csv", 1000, window, 200, 210)), profile, 0.5).raw();
        // s(1/9) * fp: one row past a ten-row window.
        assertEquals(hit + (2.0 / (1.0 + Math.exp(5.0 / 9)) - 1) * profile.fp(), adjacent, 1e-12);
        assertTrue(adjacent > near);
        double before = NabScorer.scoreAt(List.of(file("a.csv", 1000, window, 200, 199)), profile, 0.5).raw();
        assertEquals(hit - profile.fp(), before, 1e-12, "before the first window a detection costs fp");
    }

    @Test
    void afterWindowWeightsAreMeasuredFromTheMostRecentWindowOnly() {
        NabFile f = file("a.csv", 400, new int[][] {{100, 109}, {200, 299}});
        double[] w = NabScorer.rowWeights(f.timestamps(), f.windows(), NabProfile.STANDARD);
        // 10 rows past a 100-row window is close; 10 rows past a 10-row window would be far.
        assertEquals((2.0 / (1.0 + Math.exp(5.0 * 10 / 99)) - 1) * 0.11, w[309], 1e-15);
        assertEquals(-0.11, w[150], 1e-15);
    }

    @Test
    void rowsAfterAOneRowWindowCostTheFullFp() {
        NabFile f = file("a.csv", 100, new int[][] {{50, 50}});
        double[] w = NabScorer.rowWeights(f.timestamps(), f.windows(), NabProfile.STANDARD);
        assertEquals(1.0, w[50], 0.0);
        assertEquals(-0.11, w[51], 0.0);
    }

    @Test
    void repeatedAndBackwardTimestampsPlaceWindowsByRow() {
        // Minutes 0-9, a repeated minute 9, then a step back to minutes 5-14, as some NAB files do.
        long[] ts = new long[21];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = T0 + (i < 10 ? i : i == 10 ? 9 : i - 6) * MINUTE;
        }
        long minute = MINUTE;
        NabFile f = new NabFile("a.csv", ts, new double[21],
                List.of(new long[] {T0 + 2 * minute, T0 + 3 * minute}, new long[] {T0 + 12 * minute, T0 + 13 * minute}));
        double[] w = NabScorer.rowWeights(ts, f.windows(), NabProfile.STANDARD);
        assertEquals(1.0, w[2], 0.0);
        assertEquals(1.0, w[18], 0.0, "minute 12 first appears on row 18");
        assertTrue(w[19] > 0 && w[19] < 1, "row 19 is the window's last row");
        assertTrue(w[20] < 0 && w[17] < 0 && w[10] < 0);
        double[] brute = BruteForceNab.weights(f, NabProfile.STANDARD);
        for (int i = 0; i < w.length; i++) {
            assertEquals(brute[i], w[i], 1e-15, "row " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void probationaryRowsNeverCount(NabProfile profile) {
        // 100 rows: rows 0-14 are probationary. Window {5, 10} lies wholly inside and is not scored.
        NabFile f = file("a.csv", 100, new int[][] {{5, 10}, {50, 59}}, 0, 5, 7, 14);
        NabResult result = NabScorer.score(List.of(f), profile);
        assertEquals(1, result.windows());
        assertEquals(-profile.fn(), result.raw(), 0.0);
        assertEquals(NabScorer.NO_DETECTIONS, result.threshold());
        assertEquals(-profile.fn(), NabScorer.scoreAt(List.of(f), profile, 0.5).raw(), 0.0);
    }

    @Test
    void aWindowStraddlingProbationCountsOnlyItsLaterRows() {
        NabProfile p = NabProfile.STANDARD;
        NabFile f = file("a.csv", 100, new int[][] {{10, 20}}, 12, 15);
        double[] w = NabScorer.rowWeights(f.timestamps(), f.windows(), p);
        NabResult result = NabScorer.scoreAt(List.of(f), p, 0.5);
        assertEquals(1, result.windows());
        assertEquals(w[15], result.raw(), 0.0);
        assertTrue(w[15] < w[12]);
    }

    @Test
    void onTiesTheHigherThresholdWins() {
        long[] ts = new long[100];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = T0 + i * MINUTE;
        }
        double[] scores = new double[100];
        scores[40] = 0.9;
        scores[45] = 0.8; // later in the same window: adds nothing once row 40 is detected
        NabFile f = new NabFile("a.csv", ts, scores, List.of(new long[] {ts[40], ts[49]}));
        NabResult result = NabScorer.score(List.of(f), NabProfile.STANDARD);
        assertEquals(0.9, result.threshold());
        assertEquals(1.0, result.raw(), 0.0);
    }

    @Test
    void alertsAreScoredAtAFixedThreshold() {
        NabFile f = file("a.csv", 100, new int[][] {{40, 49}}, 40, 90);
        NabResult alerts = NabScorer.scoreAlerts(List.of(f), NabProfile.STANDARD);
        assertEquals(0.5, alerts.threshold());
        double[] w = NabScorer.rowWeights(f.timestamps(), f.windows(), NabProfile.STANDARD);
        assertEquals(1.0 + w[90], alerts.raw(), 1e-15);
        assertEquals(-0.11, w[90], 1e-15);
        double[] scores = f.scores();
        scores[3] = 0.7;
        NabFile graded = new NabFile("b.csv", f.timestamps(), scores, f.windows());
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> NabScorer.scoreAlerts(List.of(graded), NabProfile.STANDARD));
        assertTrue(e.getMessage().contains("b.csv: row 3 alert 0.7"), e.getMessage());
    }

    /** The incremental sweep agrees with scoring every threshold from scratch, on seeded random corpora. */
    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void sweepMatchesBruteForceOnRandomCorpora(NabProfile profile) {
        Random random = new Random(20240611L + profile.ordinal());
        for (int trial = 0; trial < 5; trial++) {
            List<NabFile> files = randomCorpus(random, 4, 300);
            List<double[]> weights = files.stream().map(f -> BruteForceNab.weights(f, profile)).toList();
            BruteForceNab.Best best = BruteForceNab.best(files, weights, profile);
            NabResult result = NabScorer.score(files, profile);
            assertEquals(best.threshold(), result.threshold(), "trial " + trial);
            assertEquals(best.raw(), result.raw(), 1e-9, "trial " + trial);
            for (int f = 0; f < files.size(); f++) {
                assertEquals(weights.get(f)[0], NabScorer.rowWeights(files.get(f).timestamps(),
                        files.get(f).windows(), profile)[0], 1e-12);
                assertEquals(best.perFile().get(f), result.rawByFile().get(files.get(f).name()), 1e-9);
            }
        }
    }

    @Test
    void aFullSizeCorpusWithDistinctScoresScoresInSeconds() {
        List<NabFile> files = randomCorpus(new Random(7), 58, 10_000);
        assertTimeout(Duration.ofSeconds(20), () -> {
            for (NabProfile p : NabProfile.values()) {
                NabResult result = NabScorer.score(files, p);
                assertTrue(result.normalized() <= 100.0);
            }
        });
    }

    /** Files with 0-3 random windows and scores drawn so that some repeat and most are distinct. */
    private static List<NabFile> randomCorpus(Random random, int count, int rows) {
        List<NabFile> files = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            long[] ts = new long[rows];
            double[] scores = new double[rows];
            for (int i = 0; i < rows; i++) {
                ts[i] = T0 + i * MINUTE;
                double x = random.nextDouble();
                scores[i] = random.nextInt(4) == 0 ? Math.round(x * 10) / 10.0 : x * x;
            }
            List<long[]> windows = new ArrayList<>();
            int start = random.nextInt(rows / 4);
            for (int w = random.nextInt(4); w > 0 && start < rows - 1; w--) {
                int end = Math.min(rows - 1, start + random.nextInt(rows / 10));
                windows.add(new long[] {ts[start], ts[end]});
                start = end + 1 + random.nextInt(rows / 4);
            }
            files.add(new NabFile("f" + f + ".csv", ts, scores, windows));
        }
        if (files.stream().allMatch(f -> f.windows().isEmpty())) {
            NabFile first = files.get(0);
            files.set(0, new NabFile(first.name(), first.timestamps(), first.scores(),
                    List.of(new long[] {first.timestamps()[rows / 2], first.timestamps()[rows / 2 + 5]})));
        }
        return files;
    }

    @Test
    void badInputIsNamed() {
        long[] ts = {T0, T0 + MINUTE, T0 + 2 * MINUTE};
        double[] ok = {0, 0.5, 1};
        assertMessage("a.csv: row 1 anomaly score NaN is outside [0, 1]",
                () -> new NabFile("a.csv", ts, new double[] {0, Double.NaN, 0}, List.of()));
        assertMessage("a.csv: row 2 anomaly score 1.5 is outside [0, 1]",
                () -> new NabFile("a.csv", ts, new double[] {0, 0, 1.5}, List.of()));
        assertMessage("a.csv: 3 timestamps and 2 scores",
                () -> new NabFile("a.csv", ts, new double[] {0, 0}, List.of()));
        assertMessage("a.csv: window 0 end " + (T0 + 1) + " ms (2014-05-13T16:53:20.001Z) matches no row",
                () -> new NabFile("a.csv", ts, ok, List.of(new long[] {T0, T0 + 1})));
        assertMessage("a.csv: window 1 start " + ts[1] + " ms (2014-05-13T16:54:20Z) matches no row after window 0",
                () -> new NabFile("a.csv", ts, ok, List.of(new long[] {T0, ts[1]}, new long[] {ts[1], ts[2]})));
        assertMessage("ends before it starts",
                () -> new NabFile("a.csv", ts, ok, List.of(new long[] {ts[1], ts[0]})));
        assertMessage("no files to score", () -> NabScorer.score(List.of(), NabProfile.STANDARD));
        NabFile plain = new NabFile("a.csv", ts, ok, List.of());
        assertMessage("none of the 1 files has an anomaly window",
                () -> NabScorer.score(List.of(plain), NabProfile.STANDARD));
        NabFile windowed = new NabFile("a.csv", ts, ok, List.of(new long[] {ts[2], ts[2]}));
        assertMessage("file 'a.csv' appears twice",
                () -> NabScorer.score(List.of(windowed, windowed), NabProfile.STANDARD));
        assertMessage("NAB threshold NaN", () -> NabScorer.scoreAt(List.of(windowed), NabProfile.STANDARD, Double.NaN));
        assertMessage("unknown NAB profile 'strict', expected one of standard, reward_low_FP_rate, reward_low_FN_rate",
                () -> NabProfile.byNabName("strict"));
        assertEquals(NabProfile.REWARD_LOW_FN_RATE, NabProfile.byNabName("reward_low_FN_rate"));
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        LatentwatchException e = assertThrows(LatentwatchException.class, call);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
}
