package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * How a row's {@code anomaly_score} is derived from the detector's level score
 * {@code s / (s + t)} (see {@link RowVerdicts}).
 *
 * <ul>
 *   <li>{@code level}: the level score itself. An anomaly that lasts, or a level the model never saw
 *       in training, keeps every row high.</li>
 *   <li>{@code onset}: the level score on rows where it exceeds every level score of the previous
 *       {@code horizon} rows, else 0. The score says how much more anomalous this row is than anything
 *       the detector has seen lately: high where an anomaly starts or worsens, 0 while a known
 *       excursion merely persists. Only rows already scored are looked at, never later ones.</li>
 *   <li>{@code rise}: by how much the level score exceeds the highest level score of the previous
 *       {@code horizon} rows, 0 where it does not: like {@code onset}, but a row that only just tops a
 *       recent excursion scores little.</li>
 * </ul>
 *
 * <p>Onset and rise also have a refractory period: a row that reports (scores above 0) with a level
 * score of at least {@link #REPORTING_LEVEL} — its window above the detector's own threshold — makes
 * the next {@code refractory} rows score 0. An excursion that keeps climbing for a few rows is then
 * reported once, at its first row above the threshold, as an operator would want to be paged once;
 * reports below the detector's threshold do not start one, so they cannot hide a real one that follows.
 *
 * <p>The {@code alert} column does not depend on this choice: it follows the detector's incidents.
 *
 * @param mode which score
 * @param horizon onset and rise: rows looked back; 0 = the file's training rows (NAB's probationary rows, SKAB's 400)
 * @param refractory onset and rise: rows that score 0 after a report at or above the detector's threshold; 0 = none
 */
public record RowScore(Mode mode, int horizon, int refractory) {
    /** The level score of a window exactly at the detector's threshold: {@code s / (s + t)} with {@code s = t}. */
    public static final double REPORTING_LEVEL = 0.5;

    /** The three mappings. */
    public enum Mode {
        LEVEL, ONSET, RISE;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code level}, {@code onset} or {@code rise}, naming the choices when it is none of them. */
        public static Mode parse(String word) {
            for (Mode m : values()) {
                if (m.word().equals(word)) {
                    return m;
                }
            }
            throw new LatentwatchException("row score '" + word + "' is not known; expected one of [level, onset, rise]");
        }
    }

    public static final RowScore LEVEL = new RowScore(Mode.LEVEL, 0, 0);

    public RowScore {
        if (mode == null) {
            throw new LatentwatchException("a row score needs a mode, one of [level, onset, rise]");
        }
        if (horizon < 0) {
            throw new LatentwatchException("onset horizon must be >= 0 rows (0 = the training rows), got " + horizon);
        }
        if (refractory < 0) {
            throw new LatentwatchException("onset refractory period must be >= 0 rows (0 = none), got " + refractory);
        }
    }

    /** The horizon in rows for a file trained on {@code trainRows} rows. */
    int rows(int trainRows) {
        return horizon > 0 ? horizon : Math.max(1, trainRows);
    }

    /** The output scores of {@code level} for a file trained on {@code trainRows} rows. */
    double[] apply(double[] level, int trainRows) {
        return switch (mode) {
            case LEVEL -> level.clone();
            case ONSET -> refractory(level, aboveRecentMaximum(level, rows(trainRows), false), refractory);
            case RISE -> refractory(level, aboveRecentMaximum(level, rows(trainRows), true), refractory);
        };
    }

    /**
     * {@code scores} with the {@code rows} rows after each report zeroed, a report being a row that
     * scores above 0 with {@code level} at least {@link #REPORTING_LEVEL} and is not itself zeroed.
     */
    static double[] refractory(double[] level, double[] scores, int rows) {
        long lastReport = Long.MIN_VALUE / 2;
        for (int i = 0; i < scores.length; i++) {
            if (i - lastReport <= rows) {
                scores[i] = 0;
            } else if (scores[i] > 0 && level[i] >= REPORTING_LEVEL) {
                lastReport = i;
            }
        }
        return scores;
    }

    /**
     * Where {@code level[i]} is above {@code past = max(level[i - horizon .. i - 1])} (an empty past
     * counts as 0): {@code level[i]}, or with {@code rise} {@code level[i] - past}; elsewhere 0. A
     * monotone deque keeps the trailing maximum: O(n).
     */
    static double[] aboveRecentMaximum(double[] level, int horizon, boolean rise) {
        if (horizon < 1) {
            throw new LatentwatchException("onset horizon must be >= 1 row, got " + horizon);
        }
        double[] out = new double[level.length];
        ArrayDeque<Integer> maxima = new ArrayDeque<>(); // indices, level values decreasing from head to tail
        for (int i = 0; i < level.length; i++) {
            while (!maxima.isEmpty() && maxima.peekFirst() < i - horizon) {
                maxima.pollFirst();
            }
            double past = maxima.isEmpty() ? 0 : level[maxima.peekFirst()];
            out[i] = level[i] > past ? (rise ? level[i] - past : level[i]) : 0;
            while (!maxima.isEmpty() && level[maxima.peekLast()] <= level[i]) {
                maxima.pollLast();
            }
            maxima.addLast(i);
        }
        return out;
    }

    @Override
    public String toString() {
        return mode == Mode.LEVEL ? "level"
                : mode.word() + " (horizon " + (horizon == 0 ? "training rows" : horizon) + ", refractory "
                        + refractory + " rows)";
    }
}
