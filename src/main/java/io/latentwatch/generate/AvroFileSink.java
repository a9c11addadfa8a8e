package io.latentwatch.generate;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.SensorReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;

/** Writes readings to an Avro object container file with the {@link SensorReading} schema. Owns the file. */
public final class AvroFileSink implements ReadingSink {
    private final Path file;
    private final DataFileWriter<SensorReading> writer;

    public AvroFileSink(Path file) {
        this.file = file;
        DataFileWriter<SensorReading> w = new DataFileWriter<>(new SpecificDatumWriter<>(SensorReading.class));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.writer = w.create(SensorReading.getClassSchema(), file.toFile());
        } catch (IOException e) {
            throw new LatentwatchException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(SensorReading reading) {
        try {
            writer.append(reading);
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
