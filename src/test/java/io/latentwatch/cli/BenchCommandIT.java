package io.latentwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latentwatch bench} end to end with tiny numbers on its own embedded broker: bench.json has
 * every figure, positive and finite, and every rate comes from all the records actually processed.
 */
@Timeout(600)
class BenchCommandIT {
    private static final int ENTITIES = 3;
    private static final int RECORDS = 900;
    private static final int WINDOW = 16;
    private static final int HOP = 4;

    @TempDir
    Path dir;

    @Test
    void measuresEveryPhaseOverAllRecords() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
            exit = Main.run(o, e, "bench", "--out", dir.toString(), "--entities", Integer.toString(ENTITIES),
                    "--records", Integer.toString(RECORDS), "--window", Integer.toString(WINDOW), "--hop",
                    Integer.toString(HOP), "--channels", "4", "--latency-rate", "300", "--latency-duration", "4s");
        }
        assertEquals(0, exit, "out: " + out + "\nerr: " + err);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("bench.json").toFile());
        for (String key : new String[] {"passthrough_rps", "detector_rps", "rcf_rps", "ratio_detector_passthrough",
            "ratio_detector_rcf", "latency_p50_ms", "latency_p99_ms", "state_bytes_per_entity"}) {
            assertTrue(json.has(key), key + " missing from " + json);
            double v = json.get(key).asDouble();
            assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
        }
        for (String phase : new String[] {"passthrough", "detector", "rcf"}) {
            assertEquals(RECORDS, json.get(phase + "_records").asLong(), phase + " processed every record");
            assertEquals(RECORDS, json.get(phase + "_committed").asLong(), phase + " committed every record");
            assertEquals(json.get(phase + "_records").asDouble() / json.get(phase + "_seconds").asDouble(),
                    json.get(phase + "_rps").asDouble(), 1e-6, phase + " rate = records / seconds");
        }
        assertEquals(json.get("detector_rps").asDouble() / json.get("passthrough_rps").asDouble(),
                json.get("ratio_detector_passthrough").asDouble(), 1e-9);
        assertEquals(json.get("detector_rps").asDouble() / json.get("rcf_rps").asDouble(),
                json.get("ratio_detector_rcf").asDouble(), 1e-9);
        // 300 readings per entity make (300 - 16) / 4 + 1 = 72 windows each; both scorers see all of them.
        long windows = ENTITIES * ((RECORDS / ENTITIES - WINDOW) / HOP + 1);
        assertEquals(windows, json.get("detector_windows").asLong());
        assertEquals(windows, json.get("rcf_windows").asLong());
        assertEquals(ENTITIES, json.get("state_entities").asInt());
        assertTrue(json.get("state_bytes_max_entity").asLong() <= json.get("state_bytes_bound").asLong(), json.toString());
        assertTrue(json.get("latency_p50_ms").asDouble() <= json.get("latency_p99_ms").asDouble(), json.toString());
        assertTrue(json.get("latency_samples").asLong() > 0, json.toString());
        double sentRate = json.get("latency_sent_rps").asDouble();
        assertTrue(sentRate > 0 && sentRate <= 300 * 1.05, "the producer never sends faster than asked: " + json);
        assertTrue(out.toString().contains("detector / passthrough"), out.toString());
    }
}
