package io.latentwatch.sim;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a simulated plant as CSV training data: one file per entity ({@code DIR/pump-01.csv}),
 * columns {@code timestamp} (ISO-8601 UTC) and one per channel, so that windows never span two pumps.
 */
public final class SimulatorCsv {
    private SimulatorCsv() {
    }

    /** Writes every reading of {@code simulator} under {@code dir}; returns the number of rows written. */
    public static long write(PlantSimulator simulator, Path dir) {
        Map<String, BufferedWriter> writers = new LinkedHashMap<>();
        long rows = 0;
        try {
            Files.createDirectories(dir);
            for (String entity : simulator.entityIds()) {
                BufferedWriter w = Files.newBufferedWriter(dir.resolve(entity + ".csv"), StandardCharsets.UTF_8);
                writers.put(entity, w);
                w.write("timestamp," + String.join(",", Channel.NAMES));
                w.newLine();
            }
            for (SensorReading r : simulator) {
                BufferedWriter w = writers.get(r.getEntityId());
                StringBuilder line = new StringBuilder(DateTimeFormatter.ISO_INSTANT.format(r.getTimestamp()));
                for (String channel : Channel.NAMES) {
                    line.append(',').append(r.getReadings().get(channel));
                }
                w.write(line.toString());
                w.newLine();
                rows++;
            }
        } catch (IOException e) {
            throw new LatentwatchException("cannot write simulated CSV under " + dir + ": " + e.getMessage(), e);
        } finally {
            for (BufferedWriter w : writers.values()) {
                try {
                    w.close();
                } catch (IOException e) {
                    // the write above already failed or succeeded; a failing close is reported by the next run
                }
            }
        }
        return rows;
    }
}
