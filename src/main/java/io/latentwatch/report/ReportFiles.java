package io.latentwatch.report;

import io.latentwatch.LatentwatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report's two files, {@code report.html} and {@code summary.json}, into a directory. */
public final class ReportFiles {
    public static final String HTML = "report.html";
    public static final String JSON = "summary.json";

    private ReportFiles() {
    }

    /**
     * Creates {@code dir} if needed and (over)writes both files in it.
     *
     * @return the path of report.html
     */
    public static Path write(ReportInput input, Path dir) {
        try {
            Files.createDirectories(dir);
            Path html = dir.resolve(HTML);
            Files.writeString(html, HtmlReport.render(input), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(JSON), SummaryJson.render(input), StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new LatentwatchException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }
}
