package io.latentwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code latentwatch bench} measured, as {@code bench.json} and as a console table.
 *
 * @param options what was run
 * @param modelName the detector's model (trained for the run)
 * @param passthrough the ceiling phase
 * @param detector the production detector phase
 * @param rcf the Random Cut Forest phase
 * @param detectorWindows windows the detector scored in its phase
 * @param rcfWindows windows the forests scored in theirs
 * @param latency the paced run of the detector
 * @param state the detector's state per idle entity after its phase
 */
public record BenchReport(BenchOptions options, String modelName, PhaseResult passthrough, PhaseResult detector,
                          PhaseResult rcf, long detectorWindows, long rcfWindows, LatencyResult latency,
                          StateFootprint state) {
    public static final String FILE = "bench.json";

    public double detectorOverPassthrough() {
        return detector.recordsPerSecond() / passthrough.recordsPerSecond();
    }

    public double detectorOverRcf() {
        return detector.recordsPerSecond() / rcf.recordsPerSecond();
    }

    /** The keys and values of {@code bench.json}, in a stable order. */
    public Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("passthrough_rps", passthrough.recordsPerSecond());
        m.put("detector_rps", detector.recordsPerSecond());
        m.put("rcf_rps", rcf.recordsPerSecond());
        m.put("ratio_detector_passthrough", detectorOverPassthrough());
        m.put("ratio_detector_rcf", detectorOverRcf());
        m.put("latency_p50_ms", latency.p50Ms());
        m.put("latency_p99_ms", latency.p99Ms());
        m.put("latency_rate_rps", latency.rate());
        m.put("latency_sent_rps", latency.sentRate());
        m.put("latency_readings", latency.sent());
        m.put("latency_samples", latency.samples());
        m.put("state_bytes_per_entity", state.perEntity());
        m.put("state_bytes_max_entity", state.maxPerEntity());
        m.put("state_bytes_bound", state.boundPerEntity());
        m.put("state_bytes_window", state.windowBytes());
        m.put("state_bytes_threshold", state.thresholdBytes());
        m.put("state_bytes_incident", state.incidentBytes());
        m.put("state_bytes_pending_total", state.pendingBytes());
        m.put("state_entities", state.entities());
        m.put("records", options.records());
        for (PhaseResult p : new PhaseResult[] {passthrough, detector, rcf}) {
            m.put(p.name() + "_records", p.records());
            m.put(p.name() + "_committed", p.committed());
            m.put(p.name() + "_seconds", p.seconds());
        }
        m.put("detector_windows", detectorWindows);
        m.put("rcf_windows", rcfWindows);
        m.put("entities", options.entities());
        m.put("channels", options.channels());
        m.put("window", options.window());
        m.put("hop", options.hop());
        m.put("arch", options.architecture().kind().word());
        m.put("model", modelName);
        m.put("processing_guarantee", "exactly_once_v2");
        return m;
    }

    /** Writes {@code dir/bench.json} (creating {@code dir}) and returns its path. */
    public Path write(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(fields()) + System.lineSeparator());
            return file;
        } catch (IOException e) {
            throw new LatentwatchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The console table: one row per phase, then the ratios, latency and state. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-12s %12s %10s %12s%n", "phase", "records", "seconds", "records/s"));
        for (PhaseResult p : new PhaseResult[] {passthrough, detector, rcf}) {
            b.append(String.format(Locale.ROOT, "%-12s %,12d %10.2f %,12.0f%n", p.name(), p.records(), p.seconds(),
                    p.recordsPerSecond()));
        }
        b.append(String.format(Locale.ROOT, "%-34s %8.2fx (target >= 0.5x)%n", "detector / passthrough",
                detectorOverPassthrough()));
        b.append(String.format(Locale.ROOT, "%-34s %8.2fx (target >= 5x)%n", "detector / rcf", detectorOverRcf()));
        b.append(String.format(Locale.ROOT, "%-34s p50 %.0f ms, p99 %.0f ms (%d windows; %.0f readings/s offered, "
                        + "%.0f sent)%n", "event-to-score latency", latency.p50Ms(), latency.p99Ms(), latency.samples(),
                latency.rate(), latency.sentRate()));
        b.append(String.format(Locale.ROOT, "%-34s %.0f bytes (window %.0f, threshold %.0f, incident %.0f; "
                        + "max %d, bound %d)%n", "state per idle entity", state.perEntity(), state.windowBytes(),
                state.thresholdBytes(), state.incidentBytes(), state.maxPerEntity(), state.boundPerEntity()));
        return b.toString();
    }
}
