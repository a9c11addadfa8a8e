package io.latentwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench.json and the table carry the phases' figures and the ratios derived from them. */
class BenchReportTest {
    @TempDir
    Path dir;

    private static BenchReport report() {
        return new BenchReport(BenchOptions.defaults(), "bench-dense",
                new PhaseResult("passthrough", 1000, 1000, 0.5),
                new PhaseResult("detector", 1000, 1000, 2.0),
                new PhaseResult("rcf", 1000, 1000, 8.0), 4900, 4900,
                new LatencyResult(250, 3750, 249.5, 800, 120, 310),
                new StateFootprint(20, 1999, 170, 34, 2247, 0, 10212));
    }

    @Test
    void writesEveryFigureWithRatesFromCountsAndSeconds() throws Exception {
        Path file = report().write(dir.resolve("nested"));
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(2000.0, json.get("passthrough_rps").asDouble(), 1e-9);
        assertEquals(500.0, json.get("detector_rps").asDouble(), 1e-9);
        assertEquals(125.0, json.get("rcf_rps").asDouble(), 1e-9);
        assertEquals(0.25, json.get("ratio_detector_passthrough").asDouble(), 1e-12);
        assertEquals(4.0, json.get("ratio_detector_rcf").asDouble(), 1e-12);
        assertEquals(120.0, json.get("latency_p50_ms").asDouble());
        assertEquals(310.0, json.get("latency_p99_ms").asDouble());
        assertEquals(2203.0, json.get("state_bytes_per_entity").asDouble(), 1e-9);
        assertEquals(10212, json.get("state_bytes_bound").asLong());
        assertEquals(1000, json.get("detector_records").asLong());
        assertEquals(1000, json.get("rcf_committed").asLong());
        assertEquals("dense", json.get("arch").asText());
    }

    @Test
    void tableShowsEachPhaseAndTheTargets() {
        String table = report().table();
        assertTrue(table.contains("passthrough"), table);
        assertTrue(table.contains("2,000"), table);
        assertTrue(table.contains("0.25x (target >= 0.5x)"), table);
        assertTrue(table.contains("4.00x (target >= 5x)"), table);
        assertTrue(table.contains("p50 120 ms, p99 310 ms"), table);
        assertTrue(table.contains("2203 bytes"), table);
    }
}
