package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which columns of a file's header feed a {@link TimeSeries}: the timestamp, the channels in
 * series order, and optionally the labels. Resolving it up front means every later error can
 * name a column, and a missing column fails before any row is parsed.
 *
 * @param header the column names, stripped, unique
 * @param timestamp index of the timestamp column
 * @param channels indices of the channel columns, in series order
 * @param label index of the label column, or -1 when there are no labels
 */
record ColumnPlan(List<String> header, int timestamp, int[] channels, int label) {

    private static final List<String> TIMESTAMP_NAMES = List.of("timestamp", "time", "datetime", "date");
    private static final Set<String> SKAB_NON_CHANNELS = Set.of("datetime", "anomaly", "changepoint");

    List<String> channelNames() {
        List<String> names = new ArrayList<>(channels.length);
        for (int c : channels) {
            names.add(header.get(c));
        }
        return names;
    }

    /** Validates a header row: names are stripped, and must be non-empty and unique. */
    static List<String> header(String[] row, String source) {
        List<String> names = new ArrayList<>(row.length);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < row.length; i++) {
            String name = row[i].strip();
            if (name.isEmpty()) {
                throw new LatentwatchException(source + ": line 1: header column " + (i + 1)
                        + " has no name, expected a name for every column");
            }
            Integer earlier = seen.putIfAbsent(name, i);
            if (earlier != null) {
                throw new LatentwatchException(source + ": line 1: header columns " + (earlier + 1) + " and "
                        + (i + 1) + " are both named '" + name + "', expected unique column names");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    /** NAB: {@code timestamp} and one channel {@code value}; other columns are ignored. */
    static ColumnPlan nab(List<String> header, String source) {
        return new ColumnPlan(header, require(header, "timestamp", source),
                new int[] {require(header, "value", source)}, -1);
    }

    /**
     * SKAB: {@code datetime}, every column but {@code datetime}, {@code anomaly} and
     * {@code changepoint} as channels, and {@code anomaly} as labels when present (SKAB's
     * anomaly-free run has no such column).
     */
    static ColumnPlan skab(List<String> header, String source) {
        int timestamp = require(header, "datetime", source);
        List<Integer> channels = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            if (!SKAB_NON_CHANNELS.contains(header.get(i))) {
                channels.add(i);
            }
        }
        if (channels.isEmpty()) {
            throw new LatentwatchException(source + ": line 1: no channel columns in header " + header
                    + ", expected sensor columns besides datetime, anomaly and changepoint");
        }
        return new ColumnPlan(header, timestamp, toArray(channels), header.indexOf("anomaly"));
    }

    /**
     * Generic CSV. Without explicit channels, a column is a channel when its first non-missing
     * cell among {@code firstRows} is spelled like a number; a column with no such cell there is
     * taken as numeric, since missing values are allowed in channels but not in text columns.
     */
    static ColumnPlan csv(List<String> header, CsvOptions options, List<String[]> firstRows, String source) {
        int timestamp = options.timestampColumn() != null
                ? require(header, options.timestampColumn(), source) : defaultTimestamp(header);
        int label = options.labelColumn() == null ? -1 : require(header, options.labelColumn(), source);
        if (timestamp == label) {
            throw new LatentwatchException(source + ": column '" + header.get(label)
                    + "' cannot be both the timestamp and the label column");
        }
        List<Integer> channels = new ArrayList<>();
        if (!options.channelColumns().isEmpty()) {
            for (String name : options.channelColumns()) {
                int c = require(header, name, source);
                if (c == timestamp) {
                    throw new LatentwatchException(source + ": column '" + name
                            + "' is the timestamp column, it cannot also be a channel");
                }
                channels.add(c);
            }
        } else {
            List<String> text = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                if (i == timestamp || i == label) {
                    continue;
                }
                String first = firstValue(i, firstRows);
                if (first == null || Cells.looksNumeric(first)) {
                    channels.add(i);
                } else {
                    text.add("'" + header.get(i) + "' (first value " + Cells.show(first) + ")");
                }
            }
            if (channels.isEmpty()) {
                throw new LatentwatchException(source + ": no numeric channel columns besides timestamp column '"
                        + header.get(timestamp) + "' in header " + header + "; taken as text: "
                        + String.join(", ", text)
                        + "; expected at least one column of numbers (or name the channels explicitly)");
            }
        }
        return new ColumnPlan(header, timestamp, toArray(channels), label);
    }

    private static int defaultTimestamp(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            if (TIMESTAMP_NAMES.contains(header.get(i).toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        return 0;
    }

    /** The first non-missing cell of a column, stripped, or null when it has none yet. */
    private static String firstValue(int column, List<String[]> rows) {
        for (String[] row : rows) {
            String cell = row[column].strip();
            if (!Cells.isMissing(cell)) {
                return cell;
            }
        }
        return null;
    }

    private static int require(List<String> header, String name, String source) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new LatentwatchException(source + ": line 1: no column named '" + name
                    + "', available columns: " + String.join(", ", header));
        }
        return i;
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
