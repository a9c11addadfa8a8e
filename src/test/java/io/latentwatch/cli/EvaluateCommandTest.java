package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latentwatch.eval.SyntheticBenchmarks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latentwatch evaluate} end to end on tiny synthetic benchmarks: the output contract and the summary. */
class EvaluateCommandTest {
    /** A tiny model and few epochs: the point is the contract, not the quality. */
    private static final String[] TINY = {"--window", "16", "--hidden", "16", "--latent", "4", "--epochs", "8",
        "--seed", "3"};

    @TempDir
    Path dir;

    private static String[] args(String... head) {
        String[] all = new String[head.length + TINY.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(TINY, 0, all, head.length, TINY.length);
        return all;
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(o, e, args);
        }
        assertEquals(0, exit, () -> "exit " + " stderr: " + err);
        return out.toString();
    }

    @Test
    void nabOutputsFollowTheContractAndTheSpikeFileScores() throws IOException {
        Path data = dir.resolve("nab");
        SyntheticBenchmarks.nab(data, true);
        Path out = dir.resolve("out");
        String console = run(args("evaluate", "--dataset", data.toString(), "--format", "nab", "--out",
                out.toString()));
        assertTrue(console.contains("synthetic/spike.csv") && console.contains("standard"), console);

        for (String name : new String[] {"spike.csv", "plain.csv"}) {
            List<String> input = Files.readAllLines(data.resolve("data/synthetic").resolve(name));
            List<String> lines = Files.readAllLines(out.resolve("synthetic").resolve(name));
            assertEquals("timestamp,value,anomaly_score,alert", lines.get(0));
            assertEquals(SyntheticBenchmarks.NAB_ROWS + 1, lines.size());
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",", -1);
                assertEquals(4, cells.length, lines.get(i));
                assertEquals(input.get(i), cells[0] + "," + cells[1], "timestamp and value as the input wrote them");
                double score = Double.parseDouble(cells[2]);
                assertTrue(score >= 0 && score <= 1, lines.get(i));
                assertTrue(cells[3].equals("0") || cells[3].equals("1"), lines.get(i));
            }
            assertTrue(lines.get(1).endsWith(",0.000000,0"), "the first row precedes every window: " + lines.get(1));
        }
        assertEquals("2014-04-01 00:00:00", Files.readAllLines(out.resolve("synthetic/spike.csv")).get(1)
                .split(",")[0]);

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String block : new String[] {"nab", "nab_alerts"}) {
            for (String profile : new String[] {"standard", "reward_low_FP_rate", "reward_low_FN_rate"}) {
                assertTrue(summary.path(block).path(profile).isNumber(), block + "." + profile + " in " + summary);
            }
        }
        JsonNode spike = summary.path("files").path("synthetic/spike.csv");
        assertTrue(spike.path("standard_raw").asDouble() > 0, () -> "the spike should be detected: " + summary);
        assertTrue(summary.path("nab").path("standard").asDouble() > 0, summary::toString);
        assertTrue(summary.path("files").has("synthetic/plain.csv"));
        JsonNode settings = summary.path("settings");
        assertEquals("onset", settings.path("row_score").asText(), settings::toString);
        assertEquals(40, settings.path("onset_refractory").asInt(), "the default is recorded: " + settings);
        assertEquals(200, settings.path("onset_horizon").asInt(), "the default is recorded: " + settings);
        assertEquals("autoencoder", settings.path("detector").asText(), settings::toString);
        assertEquals(16, settings.path("window").asInt(), "as given: " + settings);
        assertReport(out, "synthetic/spike.csv", "synthetic/plain.csv");
    }

    /** report.html: self-contained, a chart per file, the labelled windows and the headline figures. */
    private static void assertReport(Path out, String... files) throws IOException {
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, Math.min(80, html.length())));
        assertEquals(files.length, html.split("<svg", -1).length - 1, "one chart per file");
        for (String f : files) {
            assertTrue(html.contains("<h2>" + f + "</h2>"), f);
        }
        assertTrue(html.contains("class=\"label\""), "labelled anomaly windows are drawn");
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"),
                "no network reference, no script");
    }

    @Test
    void skabOutputsOnlyTheTestRowsAndPoolsF1() throws IOException {
        Path data = dir.resolve("skab");
        List<Path> runs = SyntheticBenchmarks.skab(data);
        Path out = dir.resolve("out");
        run(args("evaluate", "--dataset", data.toString(), "--format", "skab", "--out", out.toString()));
        for (Path file : runs) {
            List<String> input = Files.readAllLines(file);
            List<String> lines = Files.readAllLines(out.resolve("runs").resolve(file.getFileName()));
            assertEquals("datetime,anomaly_score,alert", lines.get(0));
            assertEquals(SyntheticBenchmarks.SKAB_ROWS - 400 + 1, lines.size());
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",", -1);
                assertEquals(3, cells.length, lines.get(i));
                assertEquals(input.get(400 + i).split(";")[0], cells[0]);
                double score = Double.parseDouble(cells[1]);
                assertTrue(score >= 0 && score <= 1, lines.get(i));
                assertTrue(cells[2].equals("0") || cells[2].equals("1"), lines.get(i));
            }
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        for (String key : new String[] {"f1", "far", "mar"}) {
            assertTrue(summary.path(key).isNumber(), key + " in " + summary);
        }
        assertTrue(summary.path("files").has("runs/0.csv") && summary.path("files").has("runs/1.csv"), summary::toString);
        assertTrue(summary.path("f1").asDouble() > 0.5, () -> "a level shift on two channels should be found: "
                + summary);
        assertReport(out, "runs/0.csv", "runs/1.csv");
        assertTrue(Files.readString(out.resolve("report.html")).contains("<th>f1</th>"), "headline figures on top");
    }
}
