package io.latentwatch.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Numenta Anomaly Benchmark's anomaly windows ({@code labels/combined_windows.json}):
 * for each data file, keyed by its path relative to NAB's {@code data/} folder such as
 * {@code realKnownCause/nyc_taxi.csv}, the windows as {@code [start, end]} epoch milliseconds
 * (UTC, both ends inclusive), in file order.
 */
public final class NabLabels {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private NabLabels() {
    }

    /**
     * Reads a windows file.
     *
     * @return an unmodifiable map in file order; each window is a two-element {@code long[]}
     * @throws LatentwatchException naming the file, and the key and window where an entry is malformed
     */
    public static Map<String, List<long[]>> read(Path file) {
        String source = file.toString();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (NoSuchFileException e) {
            throw new LatentwatchException(source + ": no such file", e);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new LatentwatchException(source + ": not valid JSON" + where + " (" + e.getOriginalMessage()
                    + "), expected an object of NAB label windows", e);
        } catch (IOException e) {
            throw new LatentwatchException(source + ": cannot read (" + e + ")", e);
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new LatentwatchException(source + ": expected a JSON object mapping data files to"
                    + " [[start, end], ...] windows, found " + describe(root));
        }
        Map<String, List<long[]>> windows = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            windows.put(entry.getKey(), windows(entry.getKey(), entry.getValue(), source));
        }
        return Collections.unmodifiableMap(windows);
    }

    private static List<long[]> windows(String key, JsonNode list, String source) {
        if (!list.isArray()) {
            throw new LatentwatchException(source + ": key '" + key + "': expected an array of [start, end]"
                    + " windows, found " + describe(list));
        }
        List<long[]> windows = new ArrayList<>(list.size());
        for (int w = 0; w < list.size(); w++) {
            JsonNode pair = list.get(w);
            String where = source + ": key '" + key + "', window " + w;
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw new LatentwatchException(where + ": expected [\"start\", \"end\"] timestamp strings, found "
                        + describe(pair));
            }
            long start = timestamp(pair.get(0).textValue(), where + " start");
            long end = timestamp(pair.get(1).textValue(), where + " end");
            if (end < start) {
                throw new LatentwatchException(where + ": ends (" + pair.get(1).textValue() + ") before it starts ("
                        + pair.get(0).textValue() + "), expected start <= end");
            }
            windows.add(new long[] {start, end});
        }
        return List.copyOf(windows);
    }

    private static long timestamp(String text, String where) {
        try {
            return Cells.timestamp(text);
        } catch (BadCell e) {
            throw new LatentwatchException(where + ": " + Cells.show(text) + " " + e.getMessage());
        }
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
                + (text.length() > 80 ? text.substring(0, 77) + "..." : text);
    }
}
