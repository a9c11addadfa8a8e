package io.latentwatch.report;

import io.latentwatch.alert.Severity;
import java.util.EnumMap;
import java.util.Map;

/**
 * Renders a {@link ReportInput} as one self-contained HTML page: a summary table, a table of the
 * tracks, then one inline SVG chart per track. No script, no external reference of any kind, every
 * piece of text escaped; the output is also well-formed XML (XHTML syntax) apart from the doctype.
 */
public final class HtmlReport {
    private static final String STYLE = """
            body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; }
            table { border-collapse: collapse; margin: 8px 0 20px; }
            td, th { border: 1px solid #ccc; padding: 3px 10px; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            h2 { font-size: 16px; margin: 24px 0 4px; }
            .facts { color: #555; margin: 0 0 6px; }
            svg text { font: 11px system-ui, sans-serif; fill: #444; }
            .frame { fill: none; stroke: #bbb; }
            polyline { fill: none; stroke-width: 1; }
            .c0 { stroke: #1f77b4; } .c1 { stroke: #2ca02c; } .c2 { stroke: #9467bd; } .c3 { stroke: #8c564b; }
            .t0 { fill: #1f77b4; } .t1 { fill: #2ca02c; } .t2 { fill: #9467bd; } .t3 { fill: #8c564b; }
            .score { stroke: #111; } .tscore { fill: #111; }
            .threshold { stroke: #d62728; stroke-dasharray: 4 2; } .tthreshold { fill: #d62728; }
            .label { fill: #17becf; fill-opacity: 0.18; }
            .sev-LOW { fill: #ffdd57; fill-opacity: 0.35; } .sev-MEDIUM { fill: #ffa94d; fill-opacity: 0.35; }
            .sev-HIGH { fill: #ff6b6b; fill-opacity: 0.35; } .sev-CRITICAL { fill: #c92a2a; fill-opacity: 0.40; }
            """;

    private HtmlReport() {
    }

    public static String render(ReportInput input) {
        StringBuilder s = new StringBuilder(64 * 1024);
        s.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(Text.escape(input.title())).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>").append(Text.escape(input.title())).append("</h1>\n");
        summary(s, input.summary());
        tracks(s, input);
        for (Track track : input.tracks()) {
            s.append("<section class=\"track\">\n<h2>").append(Text.escape(track.name())).append("</h2>\n");
            s.append("<p class=\"facts\">").append(Text.escape(facts(track))).append("</p>\n");
            s.append(TrackChart.svg(track));
            s.append("</section>\n");
        }
        s.append("</body>\n</html>\n");
        return s.toString();
    }

    private static void summary(StringBuilder s, Map<String, Object> summary) {
        if (summary.isEmpty()) {
            return;
        }
        s.append("<table class=\"summary\">\n");
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            s.append("<tr><th>").append(Text.escape(e.getKey())).append("</th><td")
                    .append(e.getValue() instanceof Number ? " class=\"n\">" : ">")
                    .append(Text.escape(Text.value(e.getValue()))).append("</td></tr>\n");
        }
        s.append("</table>\n");
    }

    private static void tracks(StringBuilder s, ReportInput input) {
        if (input.tracks().isEmpty()) {
            s.append("<p>Nothing to chart: no entity had a reading or a scored window.</p>\n");
            return;
        }
        boolean labelled = input.tracks().stream().anyMatch(t -> !t.labels().isEmpty());
        s.append("<table class=\"tracks\">\n<tr><th>entity</th><th>readings</th><th>windows</th><th>above threshold"
                + "</th><th>incidents</th><th>highest severity</th>").append(labelled ? "<th>labelled windows</th>" : "")
                .append("</tr>\n");
        for (Track t : input.tracks()) {
            Severity top = highest(t);
            s.append("<tr><td>").append(Text.escape(t.name())).append("</td><td class=\"n\">")
                    .append(t.signal().size()).append("</td><td class=\"n\">").append(t.scores().size())
                    .append("</td><td class=\"n\">").append(t.windowsAbove()).append("</td><td class=\"n\">")
                    .append(t.incidents().size()).append("</td><td>").append(top == null ? "" : top.name())
                    .append("</td>");
            if (labelled) {
                s.append("<td class=\"n\">").append(t.labels().size()).append("</td>");
            }
            s.append("</tr>\n");
        }
        s.append("</table>\n");
    }

    private static String facts(Track t) {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        t.incidents().forEach(i -> bySeverity.merge(i.severity(), 1, Integer::sum));
        StringBuilder f = new StringBuilder();
        f.append(t.signal().size()).append(" readings, ").append(t.scores().size()).append(" windows, ")
                .append(t.windowsAbove()).append(" above threshold, ").append(t.incidents().size()).append(" incidents");
        if (!bySeverity.isEmpty()) {
            f.append(' ').append(bySeverity);
        }
        if (!t.labels().isEmpty()) {
            f.append(", ").append(t.labels().size()).append(" labelled windows");
        }
        return f.toString();
    }

    private static Severity highest(Track t) {
        Severity top = null;
        for (Incident i : t.incidents()) {
            if (top == null || i.severity().compareTo(top) > 0) {
                top = i.severity();
            }
        }
        return top;
    }
}
