package io.latentwatch.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsers for the three kinds of cell a series file holds: values, timestamps and labels.
 * They accept a deliberately small grammar, so that a typo is an error rather than a silently
 * different number (Java's own parser would take {@code 1d}, {@code 0x1p3} or {@code Infinity}).
 */
final class Cells {

    static final String MISSING_MARKERS = "empty, NaN, nan, null, NA";

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?:inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern EPOCH = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
            + "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
            + "(Z|z|[+-]\\d{2}(?::?\\d{2})?)?");
    /** Epoch numbers below this magnitude are seconds, above it milliseconds (1e11 s is year 5138). */
    private static final BigDecimal SECONDS_LIMIT = new BigDecimal("1e11");
    private static final long MIN_MS = LocalDateTime.of(1, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final long MAX_MS = LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_000_000)
            .toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final String TIMESTAMP_FORMS = "expected an ISO-8601 date-time such as 2014-04-01 00:00:00,"
            + " 2014-04-01T00:00:00.250Z or 2014-04-01T00:00:00+02:00, or epoch seconds or milliseconds";

    private Cells() {
    }

    /** Whether a (stripped) cell stands for a missing value. */
    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equalsIgnoreCase("nan") || cell.equalsIgnoreCase("null")
                || cell.equalsIgnoreCase("na");
    }

    /** Whether a (stripped) cell is spelled like a number, finite or not; used to pick channel columns. */
    static boolean looksNumeric(String cell) {
        return NUMBER.matcher(cell).matches() || INFINITY.matcher(cell).matches();
    }

    /** A finite value, or NaN for a missing-value marker. */
    static double value(String cell) throws BadCell {
        String s = cell.strip();
        if (isMissing(s)) {
            return Double.NaN;
        }
        if (INFINITY.matcher(s).matches()) {
            throw new BadCell("is infinite, expected a finite number");
        }
        if (!NUMBER.matcher(s).matches()) {
            throw new BadCell("is not a number, expected a decimal number such as -1.5 or 2e-3,"
                    + " or a missing value (" + MISSING_MARKERS + ")");
        }
        double x = Double.parseDouble(s);
        if (Double.isInfinite(x)) {
            throw new BadCell("is infinite (beyond the largest double, about 1.8e308), expected a finite number");
        }
        return x;
    }

    /** A 0/1 anomaly label; {@code 0.0} and {@code 1.0} are accepted because pandas writes them. */
    static int label(String cell) throws BadCell {
        String s = cell.strip();
        if (NUMBER.matcher(s).matches()) {
            double x = Double.parseDouble(s);
            if (x == 0.0) {
                return 0;
            }
            if (x == 1.0) {
                return 1;
            }
        }
        throw new BadCell("is not a label, expected 0 or 1");
    }

    /** Milliseconds since the epoch; date-times without an offset are UTC. */
    static long timestamp(String cell) throws BadCell {
        String s = cell.strip();
        if (EPOCH.matcher(s).matches()) {
            return epoch(s);
        }
        Matcher m = ISO.matcher(s);
        if (!m.matches()) {
            throw new BadCell("is not a timestamp, " + TIMESTAMP_FORMS);
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos(m.group(7)));
            ZoneOffset offset = m.group(8) == null || m.group(8).equalsIgnoreCase("z")
                    ? ZoneOffset.UTC : ZoneOffset.of(m.group(8));
            return LocalDateTime.of(date, time).toInstant(offset).toEpochMilli();
        } catch (DateTimeException e) {
            throw new BadCell("is not a valid date-time (" + e.getMessage() + "), " + TIMESTAMP_FORMS);
        }
    }

    private static long epoch(String s) throws BadCell {
        BigDecimal number = new BigDecimal(s);
        boolean seconds = number.abs().compareTo(SECONDS_LIMIT) < 0;
        BigDecimal ms = (seconds ? number.movePointRight(3) : number).setScale(0, RoundingMode.FLOOR);
        if (ms.compareTo(BigDecimal.valueOf(MIN_MS)) < 0 || ms.compareTo(BigDecimal.valueOf(MAX_MS)) > 0) {
            throw new BadCell("is outside years 1 to 9999 as epoch " + (seconds ? "seconds" : "milliseconds")
                    + " (numbers below 1e11 are seconds, others milliseconds)");
        }
        return ms.longValueExact();
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        StringBuilder digits = new StringBuilder(fraction);
        while (digits.length() < 9) {
            digits.append('0');
        }
        return Integer.parseInt(digits.toString());
    }

    /** A cell as it should appear in an error message: quoted, short, control characters escaped. */
    static String show(String cell) {
        String s = cell.length() > 60 ? cell.substring(0, 57) + "..." : cell;
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
