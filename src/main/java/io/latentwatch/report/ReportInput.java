package io.latentwatch.report;

import io.latentwatch.LatentwatchException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a report is made of, independent of where it came from (a replay of a topic, an evaluation
 * of benchmark files).
 *
 * @param title shown as the page title
 * @param summary the figures of the summary table and of summary.json, in display order; values are
 *     numbers or text (counts, alerts by severity, late/skipped records, metrics of labelled data)
 * @param tracks one chart each, in this order
 */
public record ReportInput(String title, Map<String, Object> summary, List<Track> tracks) {
    public ReportInput {
        if (title == null || title.isBlank()) {
            throw new LatentwatchException("a report needs a title");
        }
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            if (!(e.getValue() instanceof Number || e.getValue() instanceof String || e.getValue() instanceof Boolean)) {
                throw new LatentwatchException("summary value '" + e.getKey() + "' must be a number, text or boolean, "
                        + "got " + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
            }
        }
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        tracks = List.copyOf(tracks);
    }
}
