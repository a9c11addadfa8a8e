package io.latentwatch.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowBufferTest {
    private final FeatureSpec spec = new FeatureSpec(List.of("a", "b"), 4, 2, new double[] {10, 0},
            new double[] {2, 1});

    @Test
    void firstWindowWhenFullThenEveryHop() {
        WindowBuffer buffer = new WindowBuffer(spec);
        List<Integer> emittedAt = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (buffer.add(i, new double[] {i, -i})) {
                emittedAt.add(i);
            }
        }
        assertEquals(List.of(3, 5, 7, 9), emittedAt);
    }

    @Test
    void windowIsTimeMajorOldestFirstAndNormalised() {
        WindowBuffer buffer = new WindowBuffer(spec);
        for (int i = 0; i < 6; i++) {
            buffer.add(100 + i, new double[] {10 + 2 * i, i});
        }
        Window w = buffer.window(spec);
        assertEquals(102, w.start());
        assertEquals(105, w.end());
        assertArrayEquals(new float[] {2, 2, 3, 3, 4, 4, 5, 5}, w.features());
    }

    @Test
    void missingValuesCarryForwardElseTrainingMean() {
        WindowBuffer buffer = new WindowBuffer(spec);
        buffer.add(0, new double[] {Double.NaN, 3});
        buffer.add(1, new double[] {14, Double.NaN});
        buffer.add(2, new double[] {Double.NaN, Double.NaN});
        buffer.add(3, new double[] {16, 1});
        assertEquals(4, buffer.imputed());
        // a: mean 10 -> 0; then 14 -> 2, carried 14 -> 2, 16 -> 3. b: 3, 3, 3, 1.
        assertArrayEquals(new float[] {0, 3, 2, 3, 2, 3, 3, 1}, buffer.window(spec).features());
    }

    @Test
    void savedAndRestoredBufferContinuesIdentically() {
        Random random = new Random(7);
        WindowBuffer straight = new WindowBuffer(spec);
        WindowBuffer restored = new WindowBuffer(spec);
        for (int i = 0; i < 50; i++) {
            double[] row = {random.nextGaussian(), random.nextInt(5) == 0 ? Double.NaN : random.nextGaussian()};
            boolean a = straight.add(i, row);
            restored = WindowBuffer.fromBytes(restored.toBytes(), spec, GapPolicy.defaults());
            boolean b = restored.add(i, row);
            assertEquals(a, b);
            if (a) {
                assertArrayEquals(straight.window(spec).features(), restored.window(spec).features());
            }
        }
        assertEquals(straight.imputed(), restored.imputed());
    }

    @Test
    void corruptOrForeignStateIsRefusedWithAReason() {
        byte[] bytes = new WindowBuffer(spec).toBytes();
        assertThrows(LatentwatchException.class, () -> WindowBuffer.fromBytes(Arrays.copyOf(bytes, 9), spec, GapPolicy.defaults()));
        byte[] wrongVersion = bytes.clone();
        wrongVersion[0] = 9;
        assertThrows(LatentwatchException.class, () -> WindowBuffer.fromBytes(wrongVersion, spec, GapPolicy.defaults()));
        FeatureSpec other = new FeatureSpec(List.of("a", "b"), 8, 2, new double[2], new double[] {1, 1});
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> WindowBuffer.fromBytes(bytes, other, GapPolicy.defaults()));
        assertTrue(e.getMessage().contains("window 4"), e.getMessage());
    }

    @Test
    void specValidatesWithTheBadValueInTheMessage() {
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> new FeatureSpec(List.of("a"), 4, 5, new double[1], new double[1]));
        assertTrue(e.getMessage().contains("got 5"), e.getMessage());
        assertThrows(LatentwatchException.class, () -> new FeatureSpec(List.of("a"), 0, 1, new double[1], new double[1]));
        assertThrows(LatentwatchException.class,
                () -> new FeatureSpec(List.of("a"), 4, 1, new double[] {Double.NaN}, new double[1]));
        assertThrows(LatentwatchException.class, () -> new FeatureSpec(List.of("a"), 4, 1, new double[2], new double[1]));
    }

    @Test
    void fitIgnoresMissingValuesAndConstantChannelsStayFinite() {
        TimeSeries s = new TimeSeries(new long[] {1, 2, 3}, List.of("x", "flat"),
                new double[][] {{1, 5}, {Double.NaN, 5}, {3, 5}}, null);
        FeatureSpec fitted = FeatureSpec.fit(s, 2, 1);
        assertEquals(2.0, fitted.mean()[0], 1e-12);
        assertEquals(1.0, fitted.std()[0], 1e-12);
        assertEquals(0.0, fitted.std()[1]);
        assertEquals(0.0f, fitted.normalise(1, 5.0));
        List<Window> windows = Windows.cut(s, fitted);
        assertEquals(2, windows.size());
        assertFalse(Float.isNaN(windows.get(0).features()[2]));
    }

    @Test
    void carryForwardStopsAtItsLimitThenUsesTheMean() {
        WindowBuffer buffer = new WindowBuffer(spec, new GapPolicy(GapPolicy.Mode.CARRY_FORWARD, 2, 0));
        buffer.add(0, new double[] {14, 1});
        buffer.add(1, new double[] {Double.NaN, 1});
        buffer.add(2, new double[] {Double.NaN, 1});
        buffer.add(3, new double[] {Double.NaN, 1});
        // a: 14 -> 2, carried twice -> 2, 2, then the mean 10 -> 0
        float[] f = buffer.window(spec).features();
        assertArrayEquals(new float[] {2, 2, 2, 0}, new float[] {f[0], f[2], f[4], f[6]});
        assertEquals(3, buffer.imputed());
    }

    @Test
    void imputeMeanIgnoresTheLastValue() {
        WindowBuffer buffer = new WindowBuffer(spec, new GapPolicy(GapPolicy.Mode.IMPUTE_MEAN, 0, 0));
        buffer.add(0, new double[] {14, 1});
        buffer.add(1, new double[] {Double.NaN, 1});
        buffer.add(2, new double[] {16, 1});
        buffer.add(3, new double[] {16, Double.POSITIVE_INFINITY});
        float[] f = buffer.window(spec).features();
        assertEquals(0f, f[2]);
        assertEquals(0f, f[7]);
    }

    @Test
    void skipWindowPolicyDropsWindowsHoldingFilledValuesAndCountsThem() {
        WindowBuffer buffer = new WindowBuffer(spec, new GapPolicy(GapPolicy.Mode.SKIP_WINDOW, 0, 0));
        List<Integer> emitted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double a = i == 4 ? Double.NaN : i;
            if (buffer.add(i, new double[] {a, 0})) {
                emitted.add(i);
            }
        }
        // windows ending at 3, 5, 7, 9, 11; those ending at 5 and 7 hold step 4
        assertEquals(List.of(3, 9, 11), emitted);
        assertEquals(2, buffer.skippedWindows());
    }

    @Test
    void aSilenceLongerThanTheMaximumEmptiesTheBuffer() {
        WindowBuffer buffer = new WindowBuffer(spec, new GapPolicy(GapPolicy.Mode.CARRY_FORWARD, 10, 100));
        for (int i = 0; i < 3; i++) {
            buffer.add(i * 10, new double[] {1, 1});
        }
        assertFalse(buffer.add(1000, new double[] {1, 1}), "a window must not span the silence");
        assertEquals(1, buffer.gapResets());
        assertEquals(1, buffer.size());
        buffer.add(1010, new double[] {1, 1});
        buffer.add(1020, new double[] {1, 1});
        assertTrue(buffer.add(1030, new double[] {1, 1}));
        assertEquals(1000, buffer.window(spec).start());
    }

    @Test
    void gapPolicyValidatesAndParses() {
        assertEquals(GapPolicy.Mode.SKIP_WINDOW, GapPolicy.Mode.parse("skip-window"));
        LatentwatchException e = assertThrows(LatentwatchException.class, () -> GapPolicy.Mode.parse("zero"));
        assertTrue(e.getMessage().contains("carry-forward"), e.getMessage());
        assertThrows(LatentwatchException.class, () -> new GapPolicy(GapPolicy.Mode.CARRY_FORWARD, -1, 0));
        assertThrows(LatentwatchException.class, () -> new GapPolicy(GapPolicy.Mode.CARRY_FORWARD, 1, -5));
    }

    private final FeatureSpec seasonal = new FeatureSpec(List.of("a", "b"), 3, 1, new double[] {0, 0},
            new double[] {1, 1}, new SeasonalDifference(4, new double[] {1, 0}, new double[] {2, 1}));

    @Test
    void withSeasonalDifferencesTheFirstWindowWaitsForTheSeasonAndCarriesTheDifferences() {
        WindowBuffer buffer = new WindowBuffer(seasonal);
        List<Integer> emittedAt = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            // a: i squared, so differences grow; b: constant, so differences are 0
            if (buffer.add(100 + i, new double[] {i * i, 7})) {
                emittedAt.add(i);
            }
        }
        assertEquals(List.of(6, 7, 8), emittedAt, "window 3 + lag 4 readings before the first window");
        Window w = buffer.window(seasonal);
        assertEquals(106, w.start());
        assertEquals(108, w.end());
        // per step: a, b, then (a - a[t-4] - 1) / 2 and (b - b[t-4] - 0) / 1
        assertArrayEquals(new float[] {
            36, 7, (36 - 4 - 1) / 2f, 0,
            49, 7, (49 - 9 - 1) / 2f, 0,
            64, 7, (64 - 16 - 1) / 2f, 0}, w.features());
    }

    @Test
    void seasonalStateIsSavedRestoredAndRefusedForAnotherLag() {
        Random random = new Random(3);
        WindowBuffer straight = new WindowBuffer(seasonal);
        WindowBuffer restarted = new WindowBuffer(seasonal);
        for (int i = 0; i < 40; i++) {
            double[] row = {random.nextGaussian(), random.nextGaussian()};
            boolean a = straight.add(i, row);
            restarted = WindowBuffer.fromBytes(restarted.toBytes(), seasonal, GapPolicy.defaults());
            boolean b = restarted.add(i, row);
            assertEquals(a, b, "step " + i);
            if (a) {
                assertArrayEquals(straight.window(seasonal).features(), restarted.window(seasonal).features());
            }
        }
        byte[] saved = straight.toBytes();
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> WindowBuffer.fromBytes(saved, new FeatureSpec(List.of("a", "b"), 3, 1, new double[] {0, 0},
                        new double[] {1, 1}), GapPolicy.defaults()));
        assertTrue(e.getMessage().contains("seasonal lag 4"), e.getMessage());
    }

    @Test
    void stateSavedBeforeSeasonalLagsExistedStillRestores() {
        WindowBuffer buffer = new WindowBuffer(spec);
        for (int i = 0; i < 5; i++) {
            buffer.add(i, new double[] {10 + i, -i});
        }
        byte[] v3 = buffer.toBytes();
        // format 2: the same record without the lag field after hop
        java.nio.ByteBuffer v2 = java.nio.ByteBuffer.allocate(v3.length - 4);
        v2.put((byte) 2).put(v3, 1, 12).put(v3, 17, v3.length - 17);
        WindowBuffer restored = WindowBuffer.fromBytes(v2.array(), spec, GapPolicy.defaults());
        assertEquals(buffer.add(5, new double[] {15, -5}), restored.add(5, new double[] {15, -5}));
        assertArrayEquals(buffer.window(spec).features(), restored.window(spec).features());
    }
}
