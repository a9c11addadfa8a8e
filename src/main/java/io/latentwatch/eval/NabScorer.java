package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores detectors' per-row anomaly scores with the Numenta Anomaly Benchmark (NAB v1.1) score,
 * reproducing NAB's own figures.
 *
 * <p>Each row has a weight that depends only on where it lies relative to the labelled windows
 * ({@link #rowWeights}). At threshold {@code t} a row past the probationary period is a detection
 * when its score is at least {@code t}; a file scores the weights of its detections outside
 * windows plus, per window, the largest weight among its detections or {@code -fn} if it has
 * none. {@link #score} picks the threshold that maximises the corpus total, as NAB does.
 */
public final class NabScorer {

    /** The threshold at which nothing is detected, since scores lie in [0, 1]. */
    public static final double NO_DETECTIONS = 1.1;

    private static final double PROBATION_FRACTION = 0.15;
    private static final int PROBATION_MAX_ROWS = 750;
    private static final double MAX_TP = scaledSigmoid(-1.0);

    private NabScorer() {
    }

    /** How many leading rows of a file of {@code rows} rows are probationary: never scored. */
    public static int probationaryRows(int rows) {
        return (int) Math.min(Math.floor(PROBATION_FRACTION * rows), PROBATION_MAX_ROWS);
    }

    /**
     * The weight of every row: what a detection there would contribute, whatever the detector
     * said. This is exactly NAB's {@code S(t)_<profile>} column in its ARTime results files, which
     * holds the weight for every row, probationary rows included.
     *
     * <p>Inside a window of {@code W} rows ending at row {@code R}, row {@code i} weighs
     * {@code s(-(R-i+1)/W) * tp / s(-1)}; before the first window {@code -fp}; after a window
     * {@code s(|R-i| / (W-1)) * fp} from the most recent window only. A one-row window leaves no
     * room to decay (NAB divides by zero there), so rows after it weigh the full {@code -fp}.
     *
     * <p>Rows, not times, place a window: it runs from the first row carrying its start
     * timestamp (after the previous window) to the first row from there carrying its end
     * timestamp, which is how NAB reads files whose timestamps repeat or step back.
     *
     * @param timestamps row timestamps in file order, epoch ms
     * @param windows {@code {startMs, endMs}} per window, on row timestamps, in order
     * @throws LatentwatchException when a window does not start and end on rows, or windows overlap
     */
    public static double[] rowWeights(long[] timestamps, List<long[]> windows, NabProfile profile) {
        Objects.requireNonNull(profile, "profile");
        return weights(timestamps.length, WindowRows.resolve("rowWeights", timestamps, windows), profile);
    }

    /**
     * Scores {@code files} at the threshold that maximises the corpus total: 1.1 (nothing
     * detected) and every distinct score are tried, and on ties the higher threshold wins.
     *
     * @throws LatentwatchException when the corpus is empty, file names repeat, or no window is scored
     */
    public static NabResult score(List<NabFile> files, NabProfile profile) {
        Corpus corpus = Corpus.of(files, profile);
        return at(corpus, files, profile, corpus.bestThreshold(profile));
    }

    /**
     * Scores {@code files} at a fixed {@code threshold}: a row is a detection when its score is at
     * least {@code threshold}.
     *
     * @throws LatentwatchException when the threshold is not finite, the corpus is empty, file
     *     names repeat, or no window is scored
     */
    public static NabResult scoreAt(List<NabFile> files, NabProfile profile, double threshold) {
        if (!Double.isFinite(threshold)) {
            throw new LatentwatchException("NAB threshold " + threshold + " is not a finite number");
        }
        return at(Corpus.of(files, profile), files, profile, threshold);
    }

    /**
     * Scores a detector's own 0/1 alerts, with no threshold optimisation: each file's scores must
     * be 0 (no alert) or 1 (alert), and a row is a detection where it is 1.
     *
     * @throws LatentwatchException naming the file, row and value of a score that is neither 0 nor 1
     */
    public static NabResult scoreAlerts(List<NabFile> files, NabProfile profile) {
        for (NabFile file : files) {
            double[] scores = file.scores();
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] != 0.0 && scores[i] != 1.0) {
                    throw new LatentwatchException(file.name() + ": row " + i + " alert " + scores[i]
                            + " is neither 0 nor 1, expected 0/1 alerts");
                }
            }
        }
        return scoreAt(files, profile, 0.5);
    }

    static double scaledSigmoid(double position) {
        if (position > 3.0) {
            return -1.0;
        }
        // Written as NAB writes it, 2 * sigmoid(-5p) - 1, so results match it to the last bit.
        return 2.0 * (1.0 / (1.0 + Math.exp(5.0 * position))) - 1.0;
    }

    static double[] weights(int rows, int[][] windows, NabProfile profile) {
        double[] weights = new double[rows];
        int next = 0;
        int[] current = null;
        int[] previous = null;
        for (int i = 0; i < rows; i++) {
            if (next < windows.length && windows[next][0] == i) {
                current = windows[next++];
            }
            if (current != null) {
                double width = current[1] - current[0] + 1;
                weights[i] = scaledSigmoid(-(current[1] - i + 1) / width) * profile.tp() / MAX_TP;
            } else if (previous == null) {
                weights[i] = -profile.fp();
            } else {
                double gap = previous[1] - previous[0];
                double position = gap == 0 ? Double.POSITIVE_INFINITY : Math.abs(previous[1] - i) / gap;
                weights[i] = scaledSigmoid(position) * profile.fp();
            }
            if (current != null && i == current[1]) {
                previous = current;
                current = null;
            }
        }
        return weights;
    }

    private static NabResult at(Corpus corpus, List<NabFile> files, NabProfile profile, double threshold) {
        Map<String, Double> byFile = new LinkedHashMap<>();
        double raw = 0;
        for (int f = 0; f < files.size(); f++) {
            double fileRaw = corpus.fileScore(f, threshold, profile);
            byFile.put(files.get(f).name(), fileRaw);
            raw += fileRaw;
        }
        double nullScore = -profile.fn() * corpus.windows;
        double perfect = profile.tp() * corpus.windows;
        return new NabResult(profile, threshold, raw, 100.0 * (raw - nullScore) / (perfect - nullScore),
                corpus.windows, byFile);
    }

    /**
     * The scored rows of a whole corpus, flattened: probationary rows are left out, and each
     * scored window gets a corpus-wide id so the sweep can keep one best detection per window.
     */
    private static final class Corpus {
        final double[] scores;
        final double[] weights;
        /** Corpus-wide window id per scored row, -1 outside windows. */
        final int[] window;
        /** Where each file's rows start in the flat arrays; one more entry than files. */
        final int[] fileStart;
        /** Corpus-wide id of each file's first scored window; one more entry than files. */
        final int[] fileWindowStart;
        final int windows;

        private Corpus(double[] scores, double[] weights, int[] window, int[] fileStart, int[] fileWindowStart) {
            this.scores = scores;
            this.weights = weights;
            this.window = window;
            this.fileStart = fileStart;
            this.fileWindowStart = fileWindowStart;
            this.windows = fileWindowStart[fileWindowStart.length - 1];
        }

        static Corpus of(List<NabFile> files, NabProfile profile) {
            Objects.requireNonNull(profile, "profile");
            if (files == null || files.isEmpty()) {
                throw new LatentwatchException("no files to score, expected at least one NAB file");
            }
            int total = 0;
            Set<String> names = new HashSet<>();
            for (NabFile file : files) {
                if (!names.add(file.name())) {
                    throw new LatentwatchException("file '" + file.name() + "' appears twice in the corpus");
                }
                total += file.rows() - probationaryRows(file.rows());
            }
            double[] scores = new double[total];
            double[] weights = new double[total];
            int[] window = new int[total];
            int[] fileStart = new int[files.size() + 1];
            int[] fileWindowStart = new int[files.size() + 1];
            int at = 0;
            int windowId = 0;
            for (int f = 0; f < files.size(); f++) {
                NabFile file = files.get(f);
                double[] fileScores = file.scores();
                int[][] rows = WindowRows.resolve(file.name(), file.timestamps(), file.windows());
                double[] fileWeights = weights(file.rows(), rows, profile);
                int probation = probationaryRows(file.rows());
                fileStart[f] = at;
                fileWindowStart[f] = windowId;
                int w = 0;
                // Windows wholly inside probation are skipped: they get no id and are never scored.
                while (w < rows.length && rows[w][1] < probation) {
                    w++;
                }
                for (int i = probation; i < file.rows(); i++, at++) {
                    while (w < rows.length && rows[w][1] < i) {
                        w++;
                        windowId++;
                    }
                    boolean inside = w < rows.length && rows[w][0] <= i;
                    scores[at] = fileScores[i];
                    weights[at] = fileWeights[i];
                    window[at] = inside ? windowId : -1;
                }
                windowId += rows.length - w;
            }
            fileStart[files.size()] = at;
            fileWindowStart[files.size()] = windowId;
            if (windowId == 0) {
                throw new LatentwatchException("none of the " + files.size() + " files has an anomaly window past"
                        + " its probationary rows; the normalised NAB score needs at least one");
            }
            return new Corpus(scores, weights, window, fileStart, fileWindowStart);
        }

        /**
         * Sweeps thresholds from high to low over the rows sorted by score, adding one row's
         * effect at a time, so the whole search costs one sort rather than one pass per threshold.
         */
        double bestThreshold(NabProfile profile) {
            Integer[] order = new Integer[scores.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            // Stable, as NAB's sort is, so sums accumulate in NAB's order and ties resolve alike.
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            double[] best = new double[windows];
            Arrays.fill(best, -profile.fn());
            double current = -profile.fn() * windows;
            double bestScore = current;
            double bestThreshold = NO_DETECTIONS;
            double threshold = NO_DETECTIONS;
            for (int k : order) {
                if (scores[k] != threshold) {
                    // Strictly better only: on ties the threshold seen first, the higher one, stays.
                    if (current > bestScore) {
                        bestScore = current;
                        bestThreshold = threshold;
                    }
                    threshold = scores[k];
                }
                int w = window[k];
                if (w < 0) {
                    current += weights[k];
                } else if (weights[k] > best[w]) {
                    current += weights[k] - best[w];
                    best[w] = weights[k];
                }
            }
            return current > bestScore ? threshold : bestThreshold;
        }

        double fileScore(int file, double threshold, NabProfile profile) {
            int first = fileWindowStart[file];
            double[] best = new double[fileWindowStart[file + 1] - first];
            Arrays.fill(best, -profile.fn());
            double sum = 0;
            for (int k = fileStart[file]; k < fileStart[file + 1]; k++) {
                if (scores[k] >= threshold) {
                    if (window[k] < 0) {
                        sum += weights[k];
                    } else {
                        best[window[k] - first] = Math.max(best[window[k] - first], weights[k]);
                    }
                }
            }
            for (double b : best) {
                sum += b;
            }
            return sum;
        }
    }
}
