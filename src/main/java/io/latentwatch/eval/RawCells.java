package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The leading cells of a benchmark file's data rows exactly as written, so outputs can repeat an
 * input's timestamps and values character for character. NAB and SKAB files never quote cells.
 */
final class RawCells {
    private RawCells() {
    }

    /**
     * The first two cells (the second empty if there is none) of each non-blank line after the header.
     *
     * @throws LatentwatchException if the file cannot be read or has another number of rows than {@code rows}
     */
    static List<String[]> read(Path file, char delimiter, int rows) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LatentwatchException(file + ": cannot read (" + e + ")", e);
        }
        List<String[]> out = new ArrayList<>(rows);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int first = line.indexOf(delimiter);
            if (first < 0) {
                out.add(new String[] {line.strip(), ""});
                continue;
            }
            int second = line.indexOf(delimiter, first + 1);
            out.add(new String[] {line.substring(0, first).strip(),
                line.substring(first + 1, second < 0 ? line.length() : second).strip()});
        }
        if (out.size() != rows) {
            throw new LatentwatchException(file + ": " + out.size() + " data lines but " + rows
                    + " rows were read, expected one row per line");
        }
        return out;
    }
}
