package io.latentwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles of latency samples. */
class PercentilesTest {
    private static List<Long> oneToHundred() {
        List<Long> samples = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            samples.add(i);
        }
        return samples;
    }

    @Test
    void medianAndP99OfOneToHundred() {
        assertEquals(50, Percentiles.nearestRank(oneToHundred(), 0.50));
        assertEquals(99, Percentiles.nearestRank(oneToHundred(), 0.99));
        assertEquals(100, Percentiles.nearestRank(oneToHundred(), 1.0));
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        assertEquals(7, Percentiles.nearestRank(List.of(7L), 0.01));
        assertEquals(7, Percentiles.nearestRank(List.of(7L), 0.99));
    }

    @Test
    void refusesNoSamplesAndBadQuantiles() {
        assertThrows(LatentwatchException.class, () -> Percentiles.nearestRank(List.of(), 0.5));
        assertThrows(LatentwatchException.class, () -> Percentiles.nearestRank(List.of(1L), 0));
        assertThrows(LatentwatchException.class, () -> Percentiles.nearestRank(List.of(1L), 1.5));
    }
}
