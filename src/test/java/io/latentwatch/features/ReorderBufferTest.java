package io.latentwatch.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReorderBufferTest {
    private static List<Long> feed(ReorderBuffer buffer, long... stamps) {
        List<Long> released = new ArrayList<>();
        for (long ts : stamps) {
            buffer.offer(ts, new double[] {ts}, (t, row) -> released.add(t));
        }
        return released;
    }

    @Test
    void readingsWithinTheGraceComeOutInOrder() {
        ReorderBuffer buffer = new ReorderBuffer(30, 100);
        List<Long> out = feed(buffer, 10, 30, 20, 40, 35, 50, 100);
        assertEquals(List.of(10L, 20L, 30L, 35L, 40L, 50L), out);
        assertEquals(1, buffer.pending());
        assertEquals(0, buffer.late());
    }

    @Test
    void readingsOlderThanWhatWasReleasedAreLate() {
        ReorderBuffer buffer = new ReorderBuffer(10, 100);
        feed(buffer, 100, 200);
        assertFalse(buffer.offer(50, new double[] {0}, (t, r) -> { }));
        assertTrue(buffer.offer(195, new double[] {0}, (t, r) -> { }), "within the grace of 200");
        assertEquals(1, buffer.late());
    }

    @Test
    void zeroGracePassesInOrderReadingsStraightThrough() {
        ReorderBuffer buffer = new ReorderBuffer(0, 100);
        assertEquals(List.of(1L, 2L, 2L, 3L), feed(buffer, 1, 2, 2, 1, 3));
        assertEquals(1, buffer.late());
    }

    @Test
    void theBoundReleasesTheOldestEarly() {
        ReorderBuffer buffer = new ReorderBuffer(1_000_000, 3);
        assertEquals(List.of(1L, 2L), feed(buffer, 1, 2, 3, 4, 5));
        assertEquals(3, buffer.pending());
    }

    @Test
    void savedAndRestoredBufferContinuesIdentically() {
        Random random = new Random(17);
        ReorderBuffer straight = new ReorderBuffer(50, 1000);
        ReorderBuffer restored = new ReorderBuffer(50, 1000);
        List<double[]> a = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        long t = 0;
        for (int i = 0; i < 2000; i++) {
            t += 10;
            long ts = t - random.nextInt(80);
            double[] row = {random.nextGaussian(), random.nextGaussian()};
            straight.offer(ts, row, (x, r) -> a.add(new double[] {x, r[0], r[1]}));
            restored = ReorderBuffer.fromBytes(ByteBuffer.wrap(restored.toBytes()), 50, 1000);
            restored.offer(ts, row, (x, r) -> b.add(new double[] {x, r[0], r[1]}));
        }
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertEquals(straight.late(), restored.late());
        assertTrue(straight.late() > 0);
    }

    @Test
    void garbageStateIsRefusedWithTheDocumentedType() {
        Random random = new Random(3);
        ReorderBuffer buffer = new ReorderBuffer(50, 100);
        feed(buffer, 100, 90, 95);
        byte[] good = buffer.toBytes();
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = Arrays.copyOf(good, random.nextInt(good.length + 8));
            for (int j = 0; j < bytes.length; j++) {
                if (random.nextInt(5) == 0) {
                    bytes[j] = (byte) random.nextInt(256);
                }
            }
            try {
                ReorderBuffer.fromBytes(ByteBuffer.wrap(bytes), 50, 100);
            } catch (LatentwatchException expected) {
                // the only failure allowed
            }
        }
        assertThrows(LatentwatchException.class, () -> new ReorderBuffer(-1, 10));
    }
}
