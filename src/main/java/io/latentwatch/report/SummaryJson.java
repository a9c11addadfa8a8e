package io.latentwatch.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latentwatch.LatentwatchException;
import io.latentwatch.alert.Severity;
import java.util.Map;

/**
 * The machine-readable side of a report: {@code {"title", "summary": {...}, "entities": [...]}} with
 * the summary figures as given and, per track, its counts of readings, windows, incidents by severity
 * and labelled windows.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson() {
    }

    public static String render(ReportInput input) {
        ObjectNode root = JSON.createObjectNode();
        root.put("title", input.title());
        ObjectNode summary = root.putObject("summary");
        for (Map.Entry<String, Object> e : input.summary().entrySet()) {
            summary.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        ArrayNode entities = root.putArray("entities");
        for (Track t : input.tracks()) {
            ObjectNode n = entities.addObject();
            n.put("name", t.name());
            n.put("readings", t.signal().size());
            n.put("windows", t.scores().size());
            n.put("windowsAboveThreshold", t.windowsAbove());
            n.put("incidents", t.incidents().size());
            ObjectNode bySeverity = n.putObject("incidentsBySeverity");
            for (Severity s : Severity.values()) {
                bySeverity.put(s.name(), t.incidents().stream().filter(i -> i.severity() == s).count());
            }
            n.put("labelledWindows", t.labels().size());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new LatentwatchException("cannot write the summary of report '" + input.title() + "' as JSON", e);
        }
    }
}
