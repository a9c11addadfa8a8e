package io.latentwatch.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects readings of many entities, each a map of channel name to value, into one
 * {@link TimeSeries} per entity once every reading is in (the channel union is only known then).
 *
 * <p>Channels are the given list in its order, or else the sorted union of every name added. A reading
 * lacking a channel gets NaN there; names outside a given list are dropped. Rows are sorted by
 * timestamp per entity, stably, so equal timestamps keep the order they were added in. Not
 * thread-safe.
 */
final class HistoryRows {
    private final boolean fixed;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, List<Row>> entities = new TreeMap<>();

    /** A reading as channel ids and values: compact while the final columns are unknown. */
    private record Row(long timestamp, int[] ids, double[] values) {
    }

    /** @param channels channel names in column order, or empty for the sorted union of names seen */
    HistoryRows(List<String> channels) {
        this.fixed = !channels.isEmpty();
        channels.forEach(this::register);
    }

    void add(String entity, long timestamp, Map<String, Double> readings) {
        int[] rowIds = new int[readings.size()];
        double[] values = new double[readings.size()];
        int n = 0;
        for (Map.Entry<String, Double> e : readings.entrySet()) {
            int id = idOf(e.getKey());
            if (id >= 0) {
                rowIds[n] = id;
                values[n] = e.getValue() == null ? Double.NaN : e.getValue();
                n++;
            }
        }
        entities.computeIfAbsent(entity, k -> new ArrayList<>())
                .add(new Row(timestamp, Arrays.copyOf(rowIds, n), Arrays.copyOf(values, n)));
    }

    /** One series per entity, in entity order; empty when nothing was added. */
    Map<String, TimeSeries> toSeries() {
        List<String> columnNames = fixed ? List.copyOf(names) : names.stream().sorted().toList();
        int[] columns = new int[names.size()];
        for (int id = 0; id < columns.length; id++) {
            columns[id] = columnNames.indexOf(names.get(id));
        }
        Map<String, TimeSeries> series = new LinkedHashMap<>();
        entities.forEach((entity, rows) -> series.put(entity, toSeries(rows, columnNames, columns)));
        return series;
    }

    private static TimeSeries toSeries(List<Row> rows, List<String> columnNames, int[] columns) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(Row::timestamp));
        long[] timestamps = new long[sorted.size()];
        double[][] values = new double[sorted.size()][];
        for (int r = 0; r < sorted.size(); r++) {
            Row row = sorted.get(r);
            timestamps[r] = row.timestamp();
            double[] v = new double[columnNames.size()];
            Arrays.fill(v, Double.NaN);
            for (int k = 0; k < row.ids().length; k++) {
                v[columns[row.ids()[k]]] = row.values()[k];
            }
            values[r] = v;
        }
        return new TimeSeries(timestamps, columnNames, values, null);
    }

    /** The id of a channel name, or -1 when a list was given and the name is not on it. */
    private int idOf(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        return fixed ? -1 : register(name);
    }

    private int register(String name) {
        names.add(name);
        ids.put(name, names.size() - 1);
        return names.size() - 1;
    }
}
