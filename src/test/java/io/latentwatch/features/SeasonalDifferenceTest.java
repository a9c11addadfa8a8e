package io.latentwatch.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.TimeSeries;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeasonalDifferenceTest {

    static TimeSeries series(double[]... rows) {
        long[] ts = new long[rows.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = i * 1000L;
        }
        int channels = rows.length == 0 ? 1 : rows[0].length;
        List<String> names = channels == 1 ? List.of("x") : List.of("x", "y");
        return new TimeSeries(ts, names, rows, null);
    }

    /** A daily-like signal: period {@code period}, seeded noise. */
    static TimeSeries periodic(int rows, int period, double noise, long seed) {
        Random random = new Random(seed);
        double[][] v = new double[rows][];
        for (int i = 0; i < rows; i++) {
            v[i] = new double[] {10 * Math.sin(2 * Math.PI * i / period) + noise * random.nextGaussian()};
        }
        return series(v);
    }

    @Test
    void detectsTheSeasonOfAPeriodicSignal() {
        // the highest autocorrelation peak: the period or one of its multiples (a week of days, say)
        for (int period : new int[] {12, 24, 48}) {
            int lag = SeasonalDifference.detect(List.of(periodic(600, period, 1, period)), 8);
            assertTrue(lag >= period && lag % period == 0, "period " + period + ": lag " + lag);
        }
        // two periods mixed: the longer one, where both repeat, correlates best
        Random random = new Random(5);
        double[][] v = new double[500][]; // lags up to 250: one week, not two
        for (int i = 0; i < v.length; i++) {
            v[i] = new double[] {10 * Math.sin(2 * Math.PI * i / 24) + (i % 168 < 48 ? -8 : 0) + random.nextGaussian()};
        }
        assertEquals(168, SeasonalDifference.detect(List.of(series(v)), 8));
    }

    @Test
    void findsNoSeasonInNoiseAConstantOrTooFewRows() {
        assertEquals(0, SeasonalDifference.detect(List.of(periodic(600, 24, 0, 1).slice(0, 1)), 8), "one row");
        Random random = new Random(9);
        double[][] noise = new double[600][];
        double[][] flat = new double[600][];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = new double[] {random.nextGaussian()};
            flat[i] = new double[] {5};
        }
        assertEquals(0, SeasonalDifference.detect(List.of(series(noise)), 8), "white noise has no season");
        assertEquals(0, SeasonalDifference.detect(List.of(series(flat)), 8), "a constant has no season");
        // the period fits in the rows, but would leave fewer than MIN_WINDOWS training windows
        assertEquals(0, SeasonalDifference.detect(List.of(periodic(100, 45, 0.5, 2)), 8));
        assertEquals(40, SeasonalDifference.detect(List.of(periodic(100, 40, 0.5, 2)), 8), "52 windows are enough");
    }

    @Test
    void fitsTheDifferencesWithinEachPartOnly() {
        TimeSeries a = series(new double[] {1}, new double[] {2}, new double[] {4});
        TimeSeries b = series(new double[] {100}, new double[] {104});
        SeasonalDifference d = SeasonalDifference.fit(List.of(a, b), 1);
        // differences 1, 2 (in a) and 4 (in b); never 100 - 4 across the parts
        assertEquals(7 / 3.0, d.mean()[0], 1e-12);
        double var = ((1 - 7 / 3.0) * (1 - 7 / 3.0) + (2 - 7 / 3.0) * (2 - 7 / 3.0) + (4 - 7 / 3.0) * (4 - 7 / 3.0)) / 3;
        assertEquals(Math.sqrt(var), d.std()[0], 1e-12);
        assertEquals(1.5f, d.normalise(0, 7 / 3.0 + 1.5 * Math.sqrt(var)), 1e-6);
        assertEquals(3.0, d.denormalise(0, d.normalise(0, 3.0)), 1e-6);
    }

    @Test
    void badDefinitionsAreRefusedNamingTheValue() {
        LatentwatchException lag = assertThrows(LatentwatchException.class,
                () -> new SeasonalDifference(0, new double[] {0}, new double[] {1}));
        assertTrue(lag.getMessage().contains("got 0"), lag.getMessage());
        assertThrows(LatentwatchException.class,
                () -> new SeasonalDifference(SeasonalDifference.MAX_LAG + 1, new double[] {0}, new double[] {1}));
        LatentwatchException nan = assertThrows(LatentwatchException.class,
                () -> new SeasonalDifference(3, new double[] {Double.NaN}, new double[] {1}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        assertThrows(LatentwatchException.class, () -> new SeasonalDifference(3, new double[] {0}, new double[] {-1}));
        assertThrows(LatentwatchException.class, () -> new SeasonalDifference(3, new double[] {0, 1}, new double[] {1}));
        assertThrows(LatentwatchException.class, () -> new SeasonalDifference(3, null, new double[] {1}));
        LatentwatchException empty = assertThrows(LatentwatchException.class,
                () -> SeasonalDifference.fit(List.of(series(new double[] {Double.NaN}, new double[] {1})), 1));
        assertTrue(empty.getMessage().contains("'x'"), empty.getMessage());
        LatentwatchException spec = assertThrows(LatentwatchException.class, () -> new FeatureSpec(List.of("x", "y"),
                4, 1, new double[] {0, 0}, new double[] {1, 1}, new SeasonalDifference(2, new double[] {0},
                new double[] {1})));
        assertTrue(spec.getMessage().contains("1 channels"), spec.getMessage());
    }

    @Test
    void aSpecWithSeasonalDifferencesDoublesTheInputsPerStep() {
        FeatureSpec plain = new FeatureSpec(List.of("x", "y"), 4, 1, new double[] {0, 0}, new double[] {1, 1});
        FeatureSpec seasonal = new FeatureSpec(List.of("x", "y"), 4, 1, new double[] {0, 0}, new double[] {1, 1},
                new SeasonalDifference(5, new double[] {0, 0}, new double[] {1, 1}));
        assertEquals(8, plain.featureSize());
        assertEquals(16, seasonal.featureSize());
        assertEquals(4, plain.history());
        assertEquals(9, seasonal.history());
        assertTrue(!plain.equals(seasonal) && seasonal.equals(new FeatureSpec(List.of("x", "y"), 4, 1,
                new double[] {0, 0}, new double[] {1, 1}, new SeasonalDifference(5, new double[] {0, 0},
                new double[] {1, 1}))));
        assertArrayEquals(new double[] {0, 0}, seasonal.seasonal().mean());
    }
}
