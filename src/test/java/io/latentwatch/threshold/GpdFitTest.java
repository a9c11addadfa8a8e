package io.latentwatch.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GpdFitTest {

    @Test
    void recoversAHeavyTail() {
        double[] y = SeededScores.gpd(42, 5000, 0.1, 1.0);
        GpdFit fit = GpdFit.fit(y, y.length);
        System.out.printf("GPD(0.1, 1) from 5000 samples: gamma %.4f sigma %.4f%n", fit.gamma(), fit.sigma());
        // Standard errors at n = 5000 are about 0.016 for gamma and 0.021 for sigma.
        assertEquals(0.1, fit.gamma(), 0.05);
        assertEquals(1.0, fit.sigma(), 0.07);
    }

    @Test
    void recoversABoundedTailAndAnExponentialOne() {
        double[] bounded = SeededScores.gpd(43, 5000, -0.2, 2.0);
        GpdFit b = GpdFit.fit(bounded, bounded.length);
        assertEquals(-0.2, b.gamma(), 0.05);
        assertEquals(2.0, b.sigma(), 0.14);
        double[] exponential = SeededScores.gpd(44, 5000, 0, 0.5);
        GpdFit e = GpdFit.fit(exponential, exponential.length);
        assertEquals(0, e.gamma(), 0.05);
        assertEquals(0.5, e.sigma(), 0.035);
    }

    @Test
    void theFitIsTheMaximumLikelihoodOneNearby() {
        double[] y = SeededScores.gpd(45, 2000, 0.3, 1.5);
        GpdFit fit = GpdFit.fit(y, y.length);
        double best = fit.logLikelihood(y, y.length);
        for (double dg : new double[] {-0.01, 0, 0.01}) {
            for (double ds : new double[] {-0.01, 0, 0.01}) {
                GpdFit other = new GpdFit(fit.gamma() + dg, fit.sigma() * (1 + ds));
                assertTrue(other.logLikelihood(y, y.length) <= best + 1e-9, "neighbour " + other + " beats " + fit);
            }
        }
    }

    @Test
    void fewOrEqualPeaksGetTheExponentialTailAtTheMeanExcess() {
        assertEquals(new GpdFit(0, 2.0), GpdFit.fit(new double[] {1, 2, 3}, 3));
        assertEquals(new GpdFit(0, 0.5), GpdFit.fit(new double[] {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5,
            0.5, 0.5}, 12));
        assertEquals(new GpdFit(0, 0), GpdFit.fit(new double[0], 0));
        assertEquals(GpdFit.fit(new double[] {1, 2, 3}, 3), GpdFit.fit(new double[] {1, 2, 3, 99}, 3),
                "only the first count values are fitted");
    }
}
