package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import java.util.List;

/**
 * Turns one record into a timestamp, a row of channel values and a label, following a
 * {@link ColumnPlan}, and turns each {@link BadCell} into an error that says where it is.
 */
final class RowParser {
    private final ColumnPlan plan;
    private final String source;

    RowParser(ColumnPlan plan, String source) {
        this.plan = plan;
        this.source = source;
    }

    /** Rejects a record whose field count differs from the header's. */
    static void checkWidth(String[] row, List<String> header, int line, String source) {
        if (row.length != header.size()) {
            throw new LatentwatchException(source + ": line " + line + ": " + row.length + " field"
                    + (row.length == 1 ? "" : "s") + ", expected " + header.size()
                    + " (one per header column: " + String.join(", ", header) + ")");
        }
    }

    void parse(String[] row, int line, SeriesBuilder into) {
        int column = plan.timestamp();
        try {
            long timestamp = Cells.timestamp(row[column]);
            int[] channels = plan.channels();
            double[] values = new double[channels.length];
            for (int i = 0; i < channels.length; i++) {
                column = channels[i];
                values[i] = Cells.value(row[column]);
            }
            int label = 0;
            if (plan.label() >= 0) {
                column = plan.label();
                label = Cells.label(row[column]);
            }
            into.add(timestamp, values, label);
        } catch (BadCell e) {
            throw new LatentwatchException(source + ": line " + line + ", column '" + plan.header().get(column)
                    + "' (" + (column + 1) + "): " + Cells.show(row[column]) + " " + e.getMessage());
        }
    }
}
