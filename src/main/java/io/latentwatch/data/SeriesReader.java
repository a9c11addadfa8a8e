package io.latentwatch.data;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads a series file (generic CSV, NAB or SKAB) into a {@link TimeSeries}, streaming it row by
 * row. It is strict: any cell that is neither a value nor a missing-value marker, any timestamp it
 * cannot read, and any row of the wrong width fails the whole read with a
 * {@link LatentwatchException} naming the file, line, column, the bad text and what was expected;
 * a half-read file must never pass for a whole one. Rows keep file order, even where timestamps
 * go backwards, so the caller decides what disorder means.
 */
public final class SeriesReader {

    /**
     * How many rows may be held back to decide which columns are numeric when the channels are
     * not named; a column still all missing after that many rows is taken as numeric.
     */
    static final int LOOKAHEAD_ROWS = 1000;

    private SeriesReader() {
    }

    /** Reads {@code file} in {@code format} with default CSV options. */
    public static TimeSeries read(Path file, DataFormat format) {
        return read(file, format, CsvOptions.defaults());
    }

    /**
     * Reads {@code file} in {@code format}.
     *
     * @param options which columns to use; only {@link DataFormat#CSV} consults them (null means defaults)
     * @throws LatentwatchException when the file cannot be read or any part of it is malformed
     */
    public static TimeSeries read(Path file, DataFormat format, CsvOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        CsvOptions csv = options == null ? CsvOptions.defaults() : options;
        char delimiter = switch (format) {
            case CSV -> csv.delimiter();
            case NAB -> ',';
            case SKAB -> ';';
        };
        String source = file.toString();
        CsvRecordReader records = null;
        // An explicit decoder reports malformed bytes; the default replaces them with U+FFFD silently.
        try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder())) {
            records = new CsvRecordReader(in, delimiter, source);
            return read(records, format, csv, source);
        } catch (CharacterCodingException e) {
            throw new LatentwatchException(source + ": bytes that are not UTF-8 text at or after line "
                    + (records == null ? 1 : records.currentLine()) + ", expected a UTF-8 (or ASCII) text file", e);
        } catch (NoSuchFileException e) {
            throw new LatentwatchException(source + ": no such file", e);
        } catch (IOException e) {
            throw new LatentwatchException(source + ": cannot read (" + e + ")", e);
        }
    }

    private static TimeSeries read(CsvRecordReader records, DataFormat format, CsvOptions options, String source)
            throws IOException {
        String[] headerRow = records.next();
        if (headerRow == null) {
            throw new LatentwatchException(source + ": the file is empty, expected a header row naming the columns");
        }
        List<String> header = ColumnPlan.header(headerRow, source);
        List<String[]> firstRows = new ArrayList<>();
        List<Integer> firstLines = new ArrayList<>();
        ColumnPlan plan = switch (format) {
            case NAB -> ColumnPlan.nab(header, source);
            case SKAB -> ColumnPlan.skab(header, source);
            case CSV -> {
                if (options.channelColumns().isEmpty()) {
                    lookAhead(records, header, firstRows, firstLines, source);
                }
                yield ColumnPlan.csv(header, options, firstRows, source);
            }
        };
        RowParser parser = new RowParser(plan, source);
        SeriesBuilder builder = new SeriesBuilder();
        for (int i = 0; i < firstRows.size(); i++) {
            parser.parse(firstRows.get(i), firstLines.get(i), builder);
        }
        for (String[] row = records.next(); row != null; row = records.next()) {
            RowParser.checkWidth(row, header, records.recordLine(), source);
            parser.parse(row, records.recordLine(), builder);
        }
        if (builder.rows() == 0) {
            throw new LatentwatchException(source + ": the file has a header but no data rows,"
                    + " expected at least one row after the header");
        }
        return builder.build(plan.channelNames(), plan.label() >= 0);
    }

    /** Holds back rows until every column has shown a non-missing cell, or the lookahead is full. */
    private static void lookAhead(CsvRecordReader records, List<String> header, List<String[]> rows,
            List<Integer> lines, String source) throws IOException {
        boolean[] seen = new boolean[header.size()];
        int unseen = header.size();
        while (unseen > 0 && rows.size() < LOOKAHEAD_ROWS) {
            String[] row = records.next();
            if (row == null) {
                return;
            }
            RowParser.checkWidth(row, header, records.recordLine(), source);
            rows.add(row);
            lines.add(records.recordLine());
            for (int c = 0; c < row.length; c++) {
                if (!seen[c] && !Cells.isMissing(row[c].strip())) {
                    seen[c] = true;
                    unseen--;
                }
            }
        }
    }
}
