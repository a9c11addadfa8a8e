package io.latentwatch.generate;

import io.latentwatch.LatentwatchException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Picks the file sink for an output path by its extension. */
public final class ReadingSinks {
    private ReadingSinks() {
    }

    /**
     * A sink writing {@code file}: CSV for {@code .csv}, an Avro container file for {@code .avro}.
     *
     * @throws LatentwatchException for any other extension, listing the valid ones
     */
    public static ReadingSink forFile(Path file, List<String> channels) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return new CsvReadingSink(file, channels);
        }
        if (name.endsWith(".avro")) {
            return new AvroFileSink(file);
        }
        throw new LatentwatchException("output file " + file + " has an unknown extension; expected one of .csv, .avro");
    }
}
