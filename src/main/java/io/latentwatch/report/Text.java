package io.latentwatch.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Escaping and formatting shared by the HTML, SVG and console output. */
final class Text {
    private Text() {
    }

    /** Escapes text for HTML and XML element content and attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newlines are not allowed in XML 1.0 at all.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A summary value as people read it: whole numbers plain, others with four significant digits. */
    static String value(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return String.valueOf(d);
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
                    : String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }

    static String time(long epochMillis) {
        Instant t = Instant.ofEpochMilli(epochMillis);
        return (t.getNano() == 0 ? t : t.truncatedTo(ChronoUnit.MILLIS)).toString();
    }

    static String number(double d) {
        return String.format(Locale.ROOT, "%.3g", d);
    }
}
