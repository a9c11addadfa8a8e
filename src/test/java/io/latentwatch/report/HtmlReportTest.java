package io.latentwatch.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwatch.alert.Severity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {
    private static final String EVIL = "<script>alert(\"x\")</script> & 'co'";
    private static final long START = 1_700_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void aPageOfTwentyThousandRowTracksIsWellFormedSmallAndSelfContained() throws Exception {
        ReportInput input = input(20_000);
        Path html = ReportFiles.write(input, dir);
        String page = Files.readString(html);

        Document doc = parse(page);
        NodeList svgs = doc.getElementsByTagName("svg");
        assertEquals(input.tracks().size(), svgs.getLength(), "one chart per entity");
        assertFalse(page.toLowerCase().contains("<script"), "the entity name's script tag was not escaped");
        assertTrue(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"));
        assertFalse(page.contains("http://") || page.contains("https://"), "the page must not reference the network");
        assertTrue(page.length() < 400_000, "page is " + page.length() + " characters");

        NodeList lines = doc.getElementsByTagName("polyline");
        assertTrue(lines.getLength() >= 2 * 5, "expected 3 channels + score + threshold per chart");
        for (int i = 0; i < lines.getLength(); i++) {
            String points = ((Element) lines.item(i)).getAttribute("points");
            int count = points.split(" ").length;
            assertTrue(count <= 2 * TrackChart.WIDTH, count + " points in one polyline");
        }
        int shaded = 0;
        NodeList rects = doc.getElementsByTagName("rect");
        for (int i = 0; i < rects.getLength(); i++) {
            String cls = ((Element) rects.item(i)).getAttribute("class");
            shaded += cls.startsWith("sev-") || cls.equals("label") ? 1 : 0;
        }
        assertEquals(2 * (2 + 1), shaded, "two incidents and one labelled window per track");
        assertEquals(EVIL, ((Element) svgs.item(1)).getAttribute("aria-label"));
    }

    @Test
    void summaryJsonCarriesTheFiguresAndPerEntityCounts() throws Exception {
        ReportInput input = input(500);
        ReportFiles.write(input, dir);
        JsonNode json = new ObjectMapper().readTree(dir.resolve(ReportFiles.JSON).toFile());
        assertEquals(2, json.at("/summary/entities").asInt());
        assertEquals(0.8125, json.at("/summary/f1").asDouble());
        assertEquals("yes", json.at("/summary/labelled").asText());
        assertEquals(EVIL, json.at("/entities/1/name").asText());
        assertEquals(500, json.at("/entities/0/readings").asInt());
        assertEquals(1, json.at("/entities/0/incidentsBySeverity/HIGH").asInt());
        assertEquals(1, json.at("/entities/0/labelledWindows").asInt());
    }

    @Test
    void anEmptyReportIsStillAPage() throws Exception {
        String page = HtmlReport.render(new ReportInput("empty", Map.of(), List.of()));
        assertEquals(0, parse(page).getElementsByTagName("svg").getLength());
        assertTrue(page.contains("Nothing to chart"));
    }

    @Test
    void consoleTableAlignsNamesAndValues() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("records", 1234L);
        summary.put("alerts LOW", 2);
        summary.put("model", "demo-pump");
        String table = ConsoleTable.render(summary);
        List<String> rows = table.lines().toList();
        assertEquals(5, rows.size(), table);
        assertTrue(rows.stream().allMatch(r -> r.length() == rows.get(0).length()), table);
        assertTrue(table.contains("| records    |      1234 |"), table);
        assertTrue(table.contains("| model      | demo-pump |"), table);
    }

    static ReportInput input(int rows) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("entities", 2);
        summary.put("f1", 0.8125);
        summary.put("labelled", "yes");
        List<Track> tracks = new ArrayList<>();
        tracks.add(track("pump-a", rows, 1));
        tracks.add(track(EVIL, rows, 2));
        return new ReportInput("Replay of <readings>", summary, tracks);
    }

    private static Track track(String name, int rows, long seed) {
        Random random = new Random(seed);
        long[] t = new long[rows];
        double[][] v = new double[3][rows];
        List<WindowScore> scores = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            t[i] = START + i * 1000L;
            v[0][i] = Math.sin(i / 20.0) + random.nextGaussian() * 0.1;
            v[1][i] = 100 + random.nextGaussian();
            v[2][i] = i % 97 == 0 ? Double.NaN : 20;
            if (i >= 15 && (i - 15) % 4 == 0) {
                scores.add(new WindowScore(t[i], Math.abs(random.nextGaussian()) * (i > rows / 2 ? 500 : 1), 2.5));
            }
        }
        Signal signal = new Signal(List.of("load", "flow", "temp"), t, v);
        List<Incident> incidents = List.of(new Incident(t[rows / 4], t[rows / 4 + 10], Severity.HIGH, true),
                new Incident(t[rows / 2], t[rows - 1], Severity.LOW, false));
        return new Track(name, signal, scores, incidents, List.of(new Span(t[rows / 4 - 5], t[rows / 4 + 20])));
    }

    /** Parses the page as XML once its HTML5 doctype is removed. */
    static Document parse(String page) throws Exception {
        assertTrue(page.startsWith("<!DOCTYPE html>\n"));
        String xml = page.substring("<!DOCTYPE html>\n".length());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
