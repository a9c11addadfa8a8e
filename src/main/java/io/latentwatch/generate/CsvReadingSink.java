package io.latentwatch.generate;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes readings as CSV with the columns {@code timestamp} (ISO-8601 UTC) and one per channel, the
 * layout {@code latentwatch train --data} and {@code simulate --csv} use. Owns the file's writer.
 */
public final class CsvReadingSink implements ReadingSink {
    private final Path file;
    private final List<String> channels;
    private final BufferedWriter writer;

    public CsvReadingSink(Path file, List<String> channels) {
        this.file = file;
        this.channels = List.copyOf(channels);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            writer.write("timestamp," + String.join(",", this.channels));
            writer.newLine();
        } catch (IOException e) {
            throw new LatentwatchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(SensorReading reading) {
        StringBuilder line = new StringBuilder(DateTimeFormatter.ISO_INSTANT.format(reading.getTimestamp()));
        for (String channel : channels) {
            Double v = reading.getReadings().get(channel);
            line.append(',').append(v == null ? "" : Double.toString(v));
        }
        try {
            writer.write(line.toString());
            writer.newLine();
        } catch (IOException e) {
            throw new LatentwatchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new LatentwatchException("cannot finish " + file + ": " + e.getMessage(), e);
        }
    }
}
