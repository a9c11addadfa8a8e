package io.latentwatch.report;

import io.latentwatch.alert.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One track as an inline SVG: the signal (each channel scaled to the panel) above, the score and
 * threshold below, incidents shaded by severity across both panels and labelled windows shaded
 * behind them. Every series is min/max downsampled to the plot's pixel width.
 */
final class TrackChart {
    static final int WIDTH = 960;
    static final int MAX_CHANNELS = 4;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 18;
    private static final int SIGNAL_HEIGHT = 150;
    private static final int GAP = 14;
    private static final int SCORE_HEIGHT = 110;
    private static final int AXIS = 30;
    static final int HEIGHT = TOP + SIGNAL_HEIGHT + GAP + SCORE_HEIGHT + AXIS;
    /** Beyond this max/min ratio the score axis is logarithmic, so the threshold stays visible next to spikes. */
    private static final double LOG_RATIO = 100;

    private final Track track;
    private final long from;
    private final long to;
    private final int plotWidth = WIDTH - LEFT - RIGHT;

    private TrackChart(Track track) {
        this.track = track;
        long[] range = track.timeRange();
        this.from = range[0];
        this.to = range[1];
    }

    static String svg(Track track) {
        return new TrackChart(track).render();
    }

    private String render() {
        StringBuilder s = new StringBuilder(16_384);
        s.append(String.format(Locale.ROOT, "<svg class=\"chart\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "role=\"img\" aria-label=\"%s\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT, Text.escape(track.name())));
        s.append("<title>").append(Text.escape(track.name())).append("</title>\n");
        int spansTop = TOP;
        int spansHeight = SIGNAL_HEIGHT + GAP + SCORE_HEIGHT;
        for (Span label : track.labels()) {
            rect(s, label.start(), label.end(), spansTop, spansHeight, "label", "labelled anomaly window "
                    + Text.time(label.start()) + " to " + Text.time(label.end()));
        }
        for (Incident i : track.incidents()) {
            rect(s, i.start(), i.end(), spansTop, spansHeight, "sev-" + i.severity().name(), i.severity()
                    + (i.closed() ? " incident " : " incident, still open, ") + Text.time(i.start()) + " to "
                    + Text.time(i.end()));
        }
        frame(s, TOP, SIGNAL_HEIGHT, "signal");
        frame(s, TOP + SIGNAL_HEIGHT + GAP, SCORE_HEIGHT, "score");
        signal(s);
        scores(s);
        s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\">%s</text>%n", LEFT, HEIGHT - 10,
                Text.escape(Text.time(from))));
        s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                WIDTH - RIGHT, HEIGHT - 10, Text.escape(Text.time(to))));
        s.append("</svg>\n");
        return s.toString();
    }

    private void frame(StringBuilder s, int y, int height, String name) {
        s.append(String.format(Locale.ROOT, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>%n",
                LEFT, y, plotWidth, height));
        s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"4\" y=\"%d\">%s</text>%n", y + 12, name));
    }

    private void rect(StringBuilder s, long start, long end, int y, int height, String cls, String tooltip) {
        double x0 = x(start);
        double width = Math.max(1, x(end) - x0);
        s.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\"><title>%s</title></rect>%n",
                cls, x0, y, width, height, Text.escape(tooltip)));
    }

    private void signal(StringBuilder s) {
        Signal signal = track.signal();
        int drawn = Math.min(MAX_CHANNELS, signal.channels().size());
        List<String> legend = new ArrayList<>();
        for (int c = 0; c < drawn; c++) {
            double[] v = signal.values()[c];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double d : v) {
                if (Double.isFinite(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
            if (lo > hi) {
                continue;
            }
            Downsample.Points p = Downsample.minMax(signal.times(), v, from, to, plotWidth);
            double[] scaled = new double[p.size()];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = hi == lo ? 0.5 : (p.values()[i] - lo) / (hi - lo);
            }
            polyline(s, p.times(), scaled, TOP, SIGNAL_HEIGHT, "c" + c);
            legend.add("<tspan class=\"t" + c + "\">" + Text.escape(signal.channels().get(c)) + " ["
                    + Text.number(lo) + ", " + Text.number(hi) + "]</tspan>");
        }
        if (signal.channels().size() > drawn) {
            legend.add("<tspan>(first " + drawn + " of " + signal.channels().size() + " channels)</tspan>");
        }
        if (!legend.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%d\" y=\"%d\">%s</text>%n", LEFT,
                    TOP - 5, String.join("  ", legend)));
        }
    }

    private void scores(StringBuilder s) {
        List<WindowScore> scores = track.scores();
        int y = TOP + SIGNAL_HEIGHT + GAP;
        if (scores.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\">no scored window</text>%n",
                    LEFT + 8, y + 20));
            return;
        }
        long[] t = new long[scores.size()];
        double[] score = new double[t.length];
        double[] threshold = new double[t.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < t.length; i++) {
            WindowScore w = scores.get(i);
            t[i] = w.time();
            score[i] = w.score();
            threshold[i] = w.threshold();
            for (double d : new double[] {w.score(), w.threshold()}) {
                if (Double.isFinite(d)) {
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                }
            }
        }
        if (lo > hi) {
            return;
        }
        Scale scale = Scale.of(lo, hi);
        Downsample.Points sp = Downsample.minMax(t, score, from, to, plotWidth);
        Downsample.Points tp = Downsample.minMax(t, threshold, from, to, plotWidth);
        polyline(s, tp.times(), scale.apply(tp.values()), y, SCORE_HEIGHT, "threshold");
        polyline(s, sp.times(), scale.apply(sp.values()), y, SCORE_HEIGHT, "score");
        s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"4\" y=\"%d\">%s</text>%n", y + 26,
                scale.log ? "(log)" : ""));
        s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                LEFT - 4, y + 10, Text.number(hi)));
        s.append(String.format(Locale.ROOT, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                LEFT - 4, y + SCORE_HEIGHT, Text.number(scale.log ? scale.lo : lo)));
        s.append(String.format(Locale.ROOT, "<text class=\"legend\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">"
                + "<tspan class=\"tscore\">score</tspan>  <tspan class=\"tthreshold\">threshold</tspan></text>%n",
                LEFT + plotWidth / 2, HEIGHT - 10));
    }

    private void polyline(StringBuilder s, long[] times, double[] unit, int y, int height, String cls) {
        if (times.length == 0) {
            return;
        }
        s.append("<polyline class=\"").append(cls).append("\" points=\"");
        for (int i = 0; i < times.length; i++) {
            double v = Math.max(0, Math.min(1, unit[i]));
            s.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(times[i]), y + height - v * height));
        }
        s.setLength(s.length() - 1);
        s.append("\"/>\n");
    }

    private double x(long t) {
        return LEFT + (double) (Math.max(from, Math.min(to, t)) - from) / (to - from) * plotWidth;
    }

    /** Maps scores to [0, 1]: linear, or log10 when they span more than {@link #LOG_RATIO}. */
    private record Scale(double lo, double hi, boolean log) {
        static Scale of(double lo, double hi) {
            if (lo > 0 && hi / lo > LOG_RATIO) {
                return new Scale(lo, hi, true);
            }
            double bottom = Math.min(0, lo);
            return new Scale(bottom, hi == bottom ? bottom + 1 : hi, false);
        }

        double[] apply(double[] values) {
            double[] out = new double[values.length];
            for (int i = 0; i < out.length; i++) {
                double v = values[i];
                out[i] = log ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                        : (v - lo) / (hi - lo);
            }
            return out;
        }
    }

    /** The CSS class names of incident shading, for the page's style sheet. */
    static List<String> severityClasses() {
        List<String> out = new ArrayList<>();
        for (Severity s : Severity.values()) {
            out.add("sev-" + s.name());
        }
        return out;
    }
}
