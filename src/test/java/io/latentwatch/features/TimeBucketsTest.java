package io.latentwatch.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimeBucketsTest {
    private static final List<TimeWindowSpec.Aggregate> ALL = List.of(TimeWindowSpec.Aggregate.values());

    private static List<double[]> feed(TimeBuckets buckets, long[] times, double[][] rows, List<Long> ends) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            buckets.add(times[i], rows[i], (end, row) -> {
                ends.add(end);
                out.add(row);
            });
        }
        return out;
    }

    @Test
    void tumblingBucketsAggregateEachChannelAndCloseWhenTimePassesTheirEnd() {
        TimeBuckets buckets = new TimeBuckets(new TimeWindowSpec(1000, 1000, ALL), 2);
        List<Long> ends = new ArrayList<>();
        List<double[]> rows = feed(buckets, new long[] {0, 300, 600, 999, 1000, 1500, 2100},
                new double[][] {{1, 10}, {2, Double.NaN}, {3, 30}, {6, 40}, {7, 1}, {9, 1}, {0, 0}}, ends);
        assertEquals(List.of(1000L, 2000L), ends);
        // channel a over 1,2,3,6: mean 3, std sqrt(3.5), min 1, max 6, last 6; b over 10,30,40 (NaN skipped)
        double[] first = rows.get(0);
        assertArrayEquals(new double[] {3, Math.sqrt(3.5), 1, 6, 6}, Arrays.copyOfRange(first, 0, 5), 1e-12);
        assertArrayEquals(new double[] {80.0 / 3, Math.sqrt((100 + 900 + 1600) / 3.0 - 6400.0 / 9), 10, 40, 40},
                Arrays.copyOfRange(first, 5, 10), 1e-9);
        assertArrayEquals(new double[] {8, 1, 7, 9, 9}, Arrays.copyOfRange(rows.get(1), 0, 5), 1e-12);
    }

    @Test
    void hoppingBucketsOverlapAndAChannelWithNoValueIsMissing() {
        TimeWindowSpec spec = new TimeWindowSpec(2000, 1000, List.of(TimeWindowSpec.Aggregate.MEAN));
        TimeBuckets buckets = new TimeBuckets(spec, 2);
        List<Long> ends = new ArrayList<>();
        List<double[]> rows = feed(buckets, new long[] {0, 1000, 2000, 3000, 4000},
                new double[][] {{1, Double.NaN}, {3, Double.NaN}, {5, 1}, {7, 1}, {9, 1}}, ends);
        assertEquals(List.of(1000L, 2000L, 3000L, 4000L), ends);
        assertEquals(1.0, rows.get(0)[0]);   // [-1000, 1000): only the reading at 0
        assertEquals(2.0, rows.get(1)[0]);   // [0, 2000)
        assertEquals(4.0, rows.get(2)[0]);   // [1000, 3000)
        assertTrue(Double.isNaN(rows.get(1)[1]), "no value of b in [0, 2000)");
        assertEquals(List.of("a.mean", "b.mean"), spec.featureNames(List.of("a", "b")));
    }

    @Test
    void summariseCutsAWholeSeriesWithTheSameCode() {
        TimeSeries raw = new TimeSeries(new long[] {0, 500, 1000, 1500, 2000}, List.of("x"),
                new double[][] {{1}, {3}, {5}, {7}, {0}}, null);
        TimeSeries rows = TimeBuckets.summarise(raw, new TimeWindowSpec(1000, 1000,
                List.of(TimeWindowSpec.Aggregate.MEAN, TimeWindowSpec.Aggregate.MAX)));
        assertEquals(List.of("x.mean", "x.max"), rows.channels());
        assertArrayEquals(new long[] {999, 1999}, rows.timestamps());
        assertArrayEquals(new double[] {2, 3}, rows.values()[0]);
        assertArrayEquals(new double[] {6, 7}, rows.values()[1]);
    }

    @Test
    void savedAndRestoredBucketsContinueIdentically() {
        TimeWindowSpec spec = new TimeWindowSpec(3000, 1000, ALL);
        Random random = new Random(5);
        TimeBuckets straight = new TimeBuckets(spec, 3);
        TimeBuckets restored = new TimeBuckets(spec, 3);
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 3000; i++) {
            t += 1 + random.nextInt(400);
            double[] row = {random.nextGaussian(), random.nextInt(7) == 0 ? Double.NaN : random.nextGaussian(),
                random.nextDouble()};
            straight.add(t, row, (end, r) -> a.add(r));
            restored = TimeBuckets.fromBytes(ByteBuffer.wrap(restored.toBytes()), spec, 3);
            restored.add(t, row, (end, r) -> b.add(r));
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
    }

    @Test
    void badSpecsAndStateAreRefusedWithTheReason() {
        assertThrows(LatentwatchException.class, () -> new TimeWindowSpec(1000, 300, ALL));
        assertThrows(LatentwatchException.class, () -> new TimeWindowSpec(0, 0, ALL));
        assertThrows(LatentwatchException.class, () -> new TimeWindowSpec(100_000, 1, ALL));
        assertThrows(LatentwatchException.class, () -> new TimeWindowSpec(1000, 1000,
                List.of(TimeWindowSpec.Aggregate.MEAN, TimeWindowSpec.Aggregate.MEAN)));
        LatentwatchException e = assertThrows(LatentwatchException.class,
                () -> TimeWindowSpec.Aggregate.parse("median"));
        assertTrue(e.getMessage().contains("mean"), e.getMessage());
        TimeWindowSpec spec = new TimeWindowSpec(2000, 1000, ALL);
        TimeBuckets buckets = new TimeBuckets(spec, 2);
        buckets.add(10, new double[] {1, 2}, (end, r) -> { });
        byte[] good = buckets.toBytes();
        Random random = new Random(9);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = Arrays.copyOf(good, random.nextInt(good.length + 4));
            for (int j = 0; j < bytes.length; j++) {
                if (random.nextInt(6) == 0) {
                    bytes[j] = (byte) random.nextInt(256);
                }
            }
            try {
                TimeBuckets.fromBytes(ByteBuffer.wrap(bytes), spec, 2);
            } catch (LatentwatchException expected) {
                // the only failure allowed
            }
        }
    }
}
