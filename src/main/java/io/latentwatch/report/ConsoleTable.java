package io.latentwatch.report;

import java.util.Map;

/** The summary figures as a two-column plain-text table for the console. */
public final class ConsoleTable {
    private ConsoleTable() {
    }

    public static String render(Map<String, Object> summary) {
        int width = summary.keySet().stream().mapToInt(String::length).max().orElse(0);
        int valueWidth = summary.values().stream().mapToInt(v -> Text.value(v).length()).max().orElse(0);
        StringBuilder s = new StringBuilder();
        String rule = "+" + "-".repeat(width + 2) + "+" + "-".repeat(valueWidth + 2) + "+\n";
        s.append(rule);
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            String v = Text.value(e.getValue());
            s.append("| ").append(e.getKey()).append(" ".repeat(width - e.getKey().length())).append(" | ");
            // Numbers right-aligned, text left-aligned, as spreadsheets do.
            s.append(e.getValue() instanceof Number ? " ".repeat(valueWidth - v.length()) + v
                    : v + " ".repeat(valueWidth - v.length()));
            s.append(" |\n");
        }
        s.append(rule);
        return s.toString();
    }
}
