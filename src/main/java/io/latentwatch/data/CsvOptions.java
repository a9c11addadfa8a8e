package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which columns of a delimited file make a {@link TimeSeries}, for the {@link DataFormat#CSV}
 * format. NAB and SKAB fix their own layout and ignore these options.
 *
 * @param delimiter the field separator; not a double quote or a line break
 * @param timestampColumn the timestamp column's name, or null for the first column named
 *     {@code timestamp}, {@code time}, {@code datetime} or {@code date} (any case), else the first column
 * @param channelColumns the channel columns in the order wanted, or empty for every other column
 *     whose first non-missing value is a number, in file order
 * @param labelColumn a column of 0/1 anomaly labels, or null when the file has none
 */
public record CsvOptions(char delimiter, String timestampColumn, List<String> channelColumns, String labelColumn) {

    private static final CsvOptions DEFAULTS = new CsvOptions(',', null, List.of(), null);

    public CsvOptions {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n') {
            throw new LatentwatchException("CSV delimiter " + printable(delimiter)
                    + " is not allowed, expected any character but a double quote or a line break");
        }
        requireNameOrNull("timestamp column", timestampColumn);
        requireNameOrNull("label column", labelColumn);
        channelColumns = channelColumns == null ? List.of() : List.copyOf(channelColumns);
        Set<String> seen = new HashSet<>();
        for (String name : channelColumns) {
            requireNameOrNull("channel column", name);
            if (!seen.add(name)) {
                throw new LatentwatchException("channel column '" + name + "' is listed twice in " + channelColumns);
            }
            if (name.equals(timestampColumn) || name.equals(labelColumn)) {
                throw new LatentwatchException("column '" + name
                        + "' cannot be both a channel and the timestamp or label column");
            }
        }
        if (timestampColumn != null && timestampColumn.equals(labelColumn)) {
            throw new LatentwatchException("column '" + timestampColumn
                    + "' cannot be both the timestamp and the label column");
        }
    }

    /** Comma-separated, timestamp column and channels found from the header. */
    public static CsvOptions defaults() {
        return DEFAULTS;
    }

    public CsvOptions withDelimiter(char newDelimiter) {
        return new CsvOptions(newDelimiter, timestampColumn, channelColumns, labelColumn);
    }

    public CsvOptions withTimestampColumn(String name) {
        return new CsvOptions(delimiter, name, channelColumns, labelColumn);
    }

    public CsvOptions withChannelColumns(List<String> names) {
        return new CsvOptions(delimiter, timestampColumn, names, labelColumn);
    }

    public CsvOptions withLabelColumn(String name) {
        return new CsvOptions(delimiter, timestampColumn, channelColumns, name);
    }

    private static void requireNameOrNull(String what, String name) {
        if (name != null && name.isBlank()) {
            throw new LatentwatchException(what + " name is blank, expected a column name from the header");
        }
    }

    static String printable(char c) {
        return switch (c) {
            case '\t' -> "'\\t'";
            case '\r' -> "'\\r'";
            case '\n' -> "'\\n'";
            default -> "'" + c + "'";
        };
    }
}
