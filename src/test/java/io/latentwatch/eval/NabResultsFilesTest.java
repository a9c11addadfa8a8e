package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.latentwatch.data.NabLabels;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the scorer against five of NAB's published ARTime results files copied into the test
 * resources (MIT, licence beside them): two ad-exchange files with one and two windows, one with
 * four, a known-cause file with two windows and after-window false positives, and an artificial
 * file with no window and a false positive before any window.
 */
class NabResultsFilesTest {

    private static final Path ROOT = resource("nab-results");
    private static final Map<String, List<long[]>> LABELS = NabLabels.read(ROOT.resolve("combined_windows.json"));

    private static Path resource(String name) {
        try {
            return Path.of(NabResultsFilesTest.class.getClassLoader().getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * NAB's ARTime {@code S(t)} columns hold every row's weight whatever the detector said,
     * probationary rows included; the null detector's files in the same folder follow an older
     * NAB convention and are checked elsewhere.
     */
    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void rowWeightsReproduceNabsColumns(NabProfile profile) {
        assertEquals(5, LABELS.size());
        for (var entry : LABELS.entrySet()) {
            var read = NabResultsFiles.read(ROOT, "ARTime", entry.getKey(), entry.getValue());
            double[] expected = read.nabColumns().get(profile);
            double[] weights = NabScorer.rowWeights(read.file().timestamps(), entry.getValue(), profile);
            assertEquals(expected.length, weights.length);
            for (int i = 0; i < weights.length; i++) {
                assertEquals(expected[i], weights[i], 1e-12, entry.getKey() + " row " + i);
            }
        }
    }

    /** Totals from an independent implementation of NAB (Python, run once) on these five files. */
    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void optimisedScoreOnTheCopiedFiles(NabProfile profile) {
        List<NabFile> files = NabResultsFiles.corpus(ROOT, "ARTime", LABELS);
        NabResult result = NabScorer.score(files, profile);
        assertEquals(0.317585, result.threshold(), 1e-12);
        assertEquals(9, result.windows());
        double[] expected = switch (profile) {
            case STANDARD -> new double[] {51.41059884, 0.25390779};
            case REWARD_LOW_FP_RATE -> new double[] {42.85571301, -1.28597166};
            case REWARD_LOW_FN_RATE -> new double[] {56.49595478, -2.74609221};
        };
        assertEquals(expected[0], result.normalized(), 1e-6);
        assertEquals(expected[1], result.raw(), 1e-6);
        // The file with no window pays one full false positive: ARTime fires once before any window.
        assertEquals(-profile.fp(), result.rawByFile().get("artificialNoAnomaly/art_daily_no_noise.csv"), 1e-12);
    }

    /** The sweep agrees with trying every threshold from scratch, using NAB's own row weights. */
    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void optimisedScoreMatchesBruteForce(NabProfile profile) {
        List<NabFile> files = new ArrayList<>();
        List<double[]> nabWeights = new ArrayList<>();
        for (var entry : LABELS.entrySet()) {
            var read = NabResultsFiles.read(ROOT, "ARTime", entry.getKey(), entry.getValue());
            files.add(read.file());
            nabWeights.add(read.nabColumns().get(profile));
        }
        BruteForceNab.Best best = BruteForceNab.best(files, nabWeights, profile);
        NabResult result = NabScorer.score(files, profile);
        assertEquals(best.threshold(), result.threshold());
        assertEquals(best.raw(), result.raw(), 1e-9);
        assertEquals(best.perFile().size(), result.rawByFile().size());
        int f = 0;
        for (double raw : result.rawByFile().values()) {
            assertEquals(best.perFile().get(f++), raw, 1e-9);
        }
        double windows = result.windows();
        assertEquals(100 * (best.raw() + profile.fn() * windows) / ((profile.tp() + profile.fn()) * windows),
                result.normalized(), 1e-9);
        assertTrue(result.normalized() > 0 && result.normalized() < 100);
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void plainWeightFormulasAgreeWithNabsColumns(NabProfile profile) {
        var entry = LABELS.entrySet().stream().filter(e -> e.getValue().size() == 2).findFirst().orElseThrow();
        var read = NabResultsFiles.read(ROOT, "ARTime", entry.getKey(), entry.getValue());
        double[] plain = BruteForceNab.weights(read.file(), profile);
        double[] nab = read.nabColumns().get(profile);
        for (int i = 0; i < plain.length; i++) {
            assertEquals(nab[i], plain[i], 1e-12, entry.getKey() + " row " + i);
        }
    }
}
