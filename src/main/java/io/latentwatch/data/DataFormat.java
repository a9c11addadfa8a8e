package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The layouts of series files Latentwatch reads, as named on the command line.
 *
 * <ul>
 *   <li>{@link #CSV}: any delimited text with a header row, shaped by {@link CsvOptions}.</li>
 *   <li>{@link #NAB}: the Numenta Anomaly Benchmark's {@code timestamp,value} files.</li>
 *   <li>{@link #SKAB}: the Skoltech Anomaly Benchmark's {@code ;}-separated files, whose
 *       {@code anomaly} column becomes the series' labels.</li>
 * </ul>
 */
public enum DataFormat {
    CSV,
    NAB,
    SKAB;

    /** The word that selects this format on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a command-line word, ignoring case and surrounding spaces.
     *
     * @throws LatentwatchException naming the bad word and the valid choices
     */
    public static DataFormat parse(String word) {
        if (word != null) {
            String wanted = word.strip();
            for (DataFormat format : values()) {
                if (format.word().equalsIgnoreCase(wanted)) {
                    return format;
                }
            }
        }
        String choices = Arrays.stream(values()).map(DataFormat::word).collect(Collectors.joining(", "));
        throw new LatentwatchException("unknown data format '" + word + "', expected one of: " + choices);
    }
}
