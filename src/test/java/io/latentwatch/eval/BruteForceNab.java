package io.latentwatch.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A deliberately plain, slow NAB scorer for cross-checking {@link NabScorer}: every candidate
 * threshold is scored from scratch, row by row, and row weights are computed straight from the
 * formulas with no shared code.
 */
final class BruteForceNab {

    /** The best threshold, its corpus total, and each file's score there. */
    record Best(double threshold, double raw, List<Double> perFile) {
    }

    private BruteForceNab() {
    }

    static double s(double p) {
        return p > 3 ? -1.0 : 2.0 / (1.0 + Math.exp(5.0 * p)) - 1.0;
    }

    /** Each window's first and last row: the first row with its start time, then with its end time. */
    static int[][] windowRows(NabFile file) {
        long[] timestamps = file.timestamps();
        int[][] rows = new int[file.windows().size()][];
        for (int w = 0; w < rows.length; w++) {
            int first = rowOf(timestamps, file.windows().get(w)[0]);
            int last = first;
            while (timestamps[last] != file.windows().get(w)[1]) {
                last++;
            }
            rows[w] = new int[] {first, last};
        }
        return rows;
    }

    static int rowOf(long[] timestamps, long timestamp) {
        for (int i = 0; i < timestamps.length; i++) {
            if (timestamps[i] == timestamp) {
                return i;
            }
        }
        throw new AssertionError("no row at " + timestamp);
    }

    /** The window containing row {@code i}, or -1; by scanning every window. */
    static int windowOf(int[][] windows, int i) {
        for (int w = 0; w < windows.length; w++) {
            if (windows[w][0] <= i && i <= windows[w][1]) {
                return w;
            }
        }
        return -1;
    }

    static double[] weights(NabFile file, NabProfile p) {
        int[][] windows = windowRows(file);
        double[] out = new double[file.rows()];
        for (int i = 0; i < file.rows(); i++) {
            int w = windowOf(windows, i);
            if (w >= 0) {
                double width = windows[w][1] - windows[w][0] + 1;
                out[i] = s(-(windows[w][1] - i + 1) / width) * p.tp() / s(-1.0);
                continue;
            }
            int previous = -1;
            for (int v = 0; v < windows.length; v++) {
                if (windows[v][1] < i) {
                    previous = v;
                }
            }
            if (previous < 0) {
                out[i] = -p.fp();
            } else {
                int left = windows[previous][0];
                int right = windows[previous][1];
                double position = right == left ? Double.POSITIVE_INFINITY : (double) (i - right) / (right - left);
                out[i] = s(position) * p.fp();
            }
        }
        return out;
    }

    static double fileScore(NabFile file, double[] weights, NabProfile p, double threshold) {
        int probation = Math.min((int) Math.floor(0.15 * file.rows()), 750);
        int[][] windows = windowRows(file);
        double[] scores = file.scores();
        double sum = 0;
        for (int w = 0; w < windows.length; w++) {
            boolean scored = false;
            double best = -p.fn();
            for (int i = probation; i < file.rows(); i++) {
                if (windowOf(windows, i) == w) {
                    scored = true;
                    if (scores[i] >= threshold) {
                        best = Math.max(best, weights[i]);
                    }
                }
            }
            if (scored) {
                sum += best;
            }
        }
        for (int i = probation; i < file.rows(); i++) {
            if (windowOf(windows, i) < 0 && scores[i] >= threshold) {
                sum += weights[i];
            }
        }
        return sum;
    }

    /** Tries 1.1 and every distinct score; keeps the best total, the highest threshold on ties. */
    static Best best(List<NabFile> files, List<double[]> weights, NabProfile p) {
        TreeSet<Double> thresholds = new TreeSet<>();
        thresholds.add(1.1);
        for (NabFile f : files) {
            for (double x : f.scores()) {
                thresholds.add(x);
            }
        }
        Best best = null;
        for (double t : thresholds.descendingSet()) {
            List<Double> perFile = new ArrayList<>();
            double raw = 0;
            for (int f = 0; f < files.size(); f++) {
                double v = fileScore(files.get(f), weights.get(f), p, t);
                perFile.add(v);
                raw += v;
            }
            if (best == null || raw > best.raw() + 1e-12) {
                best = new Best(t, raw, perFile);
            }
        }
        return best;
    }
}
