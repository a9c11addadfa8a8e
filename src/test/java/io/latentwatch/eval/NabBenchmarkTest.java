package io.latentwatch.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.latentwatch.data.NabLabels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reproduces NAB's published figures on the shared 24-file development subset, read in place;
 * skipped where that folder is absent (a user's clone does not have it).
 */
class NabBenchmarkTest {

    private static final Path NAB = Path.of("/work/shared/data/nab");
    private static final Path RESULTS = NAB.resolve("results");

    private static Map<String, List<long[]>> labels;
    private static List<NabResultsFiles.Read> artime;
    private static List<NabResultsFiles.Read> nullDetector;

    @BeforeAll
    static void readTheBenchmarkOnce() {
        Path labelsFile = NAB.resolve("labels/combined_windows.json");
        Assumptions.assumeTrue(Files.isRegularFile(labelsFile) && Files.isDirectory(RESULTS.resolve("ARTime"))
                && Files.isDirectory(RESULTS.resolve("null")), "NAB benchmark not present at " + NAB);
        labels = NabLabels.read(labelsFile);
        artime = read("ARTime");
        nullDetector = read("null");
    }

    private static List<NabResultsFiles.Read> read(String detector) {
        List<NabResultsFiles.Read> reads = new ArrayList<>();
        labels.forEach((key, windows) -> reads.add(NabResultsFiles.read(RESULTS, detector, key, windows)));
        return reads;
    }

    private static List<NabFile> files(List<NabResultsFiles.Read> reads) {
        return reads.stream().map(NabResultsFiles.Read::file).toList();
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void artimeScoresAsPublished(NabProfile profile) {
        NabResult result = NabScorer.score(files(artime), profile);
        double published = switch (profile) {
            case STANDARD -> 68.77;
            case REWARD_LOW_FP_RATE -> 60.04;
            case REWARD_LOW_FN_RATE -> 74.05;
        };
        assertEquals(published, result.normalized(), 0.01);
        assertEquals(0.317486, result.threshold(), 1e-12);
        assertEquals(39, result.windows());
        assertEquals(24, result.rawByFile().size());
    }

    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void theNullDetectorScoresZero(NabProfile profile) {
        NabResult result = NabScorer.score(files(nullDetector), profile);
        assertEquals(0.0, result.normalized(), 1e-12);
        assertEquals(NabScorer.NO_DETECTIONS, result.threshold());
        assertEquals(result.nullScore(), result.raw(), 1e-12);
    }

    /** Every ARTime row's weight, for every file and profile, is NAB's {@code S(t)} value. */
    @ParameterizedTest
    @EnumSource(NabProfile.class)
    void rowWeightsReproduceEveryArtimeColumn(NabProfile profile) {
        for (NabResultsFiles.Read read : artime) {
            NabFile file = read.file();
            double[] weights = NabScorer.rowWeights(file.timestamps(), file.windows(), profile);
            double[] nab = read.nabColumns().get(profile);
            for (int i = 0; i < weights.length; i++) {
                assertEquals(nab[i], weights[i], 1e-12, file.name() + " row " + i);
            }
        }
    }

    /**
     * The null detector's files carry an older NAB's sparse {@code S(t)}: what each row actually
     * contributed at the chosen threshold, so 0 everywhere but {@code -fn} on the first row of
     * each missed window. Summed, they give the null score this scorer computes.
     */
    @Test
    void nullFilesHoldOnlyTheMissedWindowsCosts() {
        for (NabProfile profile : NabProfile.values()) {
            double sum = 0;
            for (NabResultsFiles.Read read : nullDetector) {
                NabFile file = read.file();
                long[] timestamps = file.timestamps();
                double[] column = read.nabColumns().get(profile);
                for (int i = 0; i < column.length; i++) {
                    long at = timestamps[i];
                    boolean windowStart = file.windows().stream().anyMatch(w -> w[0] == at);
                    assertEquals(windowStart ? -profile.fn() : 0.0, column[i], file.name() + " row " + i);
                    sum += column[i];
                }
            }
            assertEquals(NabScorer.score(files(nullDetector), profile).raw(), sum, 1e-9);
        }
    }
}
