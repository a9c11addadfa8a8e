package io.latentwatch.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DownsampleTest {
    @Test
    void pointCountIsBoundedByTwicePerBucketAndExtremesSurvive() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(30_000);
            int buckets = 1 + random.nextInt(1000);
            long[] t = new long[n];
            double[] v = new double[n];
            long time = random.nextInt(1000);
            for (int i = 0; i < n; i++) {
                time += random.nextInt(3); // repeated timestamps too
                t[i] = time;
                v[i] = random.nextDouble() < 0.01 ? Double.NaN : random.nextGaussian();
            }
            Downsample.Points p = Downsample.minMax(t, v, t[0], Math.max(t[n - 1], t[0] + 1), buckets);
            assertTrue(p.size() <= 2 * buckets, () -> p.size() + " points for " + buckets + " buckets");
            assertTrue(p.size() <= n);
            for (int i = 1; i < p.size(); i++) {
                assertTrue(p.times()[i] >= p.times()[i - 1], "points must stay in time order");
            }
            double[] finite = Arrays.stream(v).filter(d -> !Double.isNaN(d)).toArray();
            if (finite.length > 0) {
                assertEquals(Arrays.stream(finite).max().getAsDouble(), Arrays.stream(p.values()).max().getAsDouble());
                assertEquals(Arrays.stream(finite).min().getAsDouble(), Arrays.stream(p.values()).min().getAsDouble());
            }
            assertTrue(Arrays.stream(p.values()).noneMatch(Double::isNaN));
        }
    }

    @Test
    void aShortSeriesIsKeptWhole() {
        long[] t = {10, 20, 30, 40};
        double[] v = {1, 5, 2, 4};
        Downsample.Points p = Downsample.minMax(t, v, 10, 40, 100);
        assertArrayEquals(t, p.times());
        assertArrayEquals(v, p.values());
    }

    @Test
    void aSpikeOfOneSampleInTwentyThousandIsDrawn() {
        long[] t = new long[20_000];
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 1000L;
        }
        v[12_345] = 99;
        Downsample.Points p = Downsample.minMax(t, v, t[0], t[t.length - 1], 880);
        assertTrue(p.size() <= 1760);
        int at = Arrays.binarySearch(p.times(), 12_345_000L);
        assertTrue(at >= 0 && p.values()[at] == 99, "the spike was lost");
    }

    @Test
    void invalidArgumentsNameTheBadValue() {
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> Downsample.minMax(new long[1], new double[1], 0, 1, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(LatentwatchException.class, () -> Downsample.minMax(new long[2], new double[1], 0, 1, 5));
        assertThrows(LatentwatchException.class, () -> Downsample.minMax(new long[1], new double[1], 5, 5, 5));
    }
}
