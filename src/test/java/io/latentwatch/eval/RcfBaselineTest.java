package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RcfBaselineTest {
    private static TimeSeries signal(int rows, int spikeAt, int[] labels) {
        Random noise = new Random(4);
        long[] ts = new long[rows];
        double[][] values = new double[rows][];
        for (int i = 0; i < rows; i++) {
            ts[i] = 1_000_000L + i * 60_000L;
            double v = 10 * Math.sin(2 * Math.PI * i / 50.0) + noise.nextGaussian() * 0.2;
            values[i] = new double[] {i >= spikeAt && i < spikeAt + 3 ? v + 40 : v};
        }
        return new TimeSeries(ts, List.of("value"), values, labels);
    }

    @Test
    void aSpikeScoresAboveEveryNormalRowAndIsAlerted() {
        RowVerdicts v = RcfBaseline.DEFAULT.run(signal(2000, 1500, null));
        double spike = Math.max(v.anomalyScores()[1500], Math.max(v.anomalyScores()[1501], v.anomalyScores()[1502]));
        double normalMax = 0;
        for (int i = 600; i < 1490; i++) {
            normalMax = Math.max(normalMax, v.anomalyScores()[i]);
        }
        assertTrue(spike > normalMax, "spike " + spike + " vs normal max " + normalMax);
        assertTrue(v.alerts()[1500] + v.alerts()[1501] + v.alerts()[1502] > 0, "the spike should be alerted");
        for (int i = 0; i < v.rows(); i++) {
            assertTrue(v.anomalyScores()[i] >= 0 && v.anomalyScores()[i] <= 1);
            assertTrue(v.alerts()[i] == 0 || v.alerts()[i] == 1);
        }
    }

    @Test
    void theSameSeedGivesTheSameVerdictsAndLabelsAreRefused() {
        TimeSeries s = signal(800, 600, null);
        assertArrayEquals(RcfBaseline.DEFAULT.run(s).anomalyScores(), RcfBaseline.DEFAULT.run(s).anomalyScores());
        assertThrows(LatentwatchException.class, () -> RcfBaseline.DEFAULT.run(signal(100, 50, new int[100])));
        assertThrows(LatentwatchException.class, () -> new RcfBaseline(0, 50, 256, 1));
    }
}
