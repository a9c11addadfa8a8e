package io.latentwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.latentwatch.LatentwatchException;
import io.latentwatch.data.CsvOptions;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.NabLabels;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.eval.Evaluation;
import io.latentwatch.eval.EvaluationOptions;
import io.latentwatch.eval.EvaluationReport;
import io.latentwatch.eval.EvaluationScoring;
import io.latentwatch.eval.FileDetection;
import io.latentwatch.eval.RcfBaseline;
import io.latentwatch.eval.RowScore;
import io.latentwatch.report.HtmlReport;
import io.latentwatch.report.ReportFiles;
import io.latentwatch.train.ArchitectureOptions;
import io.latentwatch.train.TrainOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latentwatch evaluate}: scores the production detector on a labelled benchmark. Every file
 * gets its own model, trained on the protocol's training rows; every row then goes through the real
 * topology; labels are read only afterwards, to score.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate the detector on a labelled benchmark (NAB, SKAB, or labelled CSV files), running "
                + "the production topology in process.",
            "Writes OUT/<folder>/<file>.csv (per-row anomaly_score in [0,1] and alert 0/1), OUT/summary.json "
                + "and OUT/report.html."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Option(names = "--dataset", required = true, paramLabel = "DIR",
            description = "nab: NAB's root (data/<category>/<file>.csv, labels/combined_windows.json); "
                    + "skab/csv: a folder of <folder>/<file>.csv.")
    Path dataset;

    @Option(names = "--format", required = true, paramLabel = "nab|skab|csv", description = "Benchmark protocol.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--labels", paramLabel = "FILE",
            description = "nab: the windows file (default: DIR/labels/combined_windows.json).")
    Path labels;

    @Mixin
    ArchitectureArguments architecture = new ArchitectureArguments();

    @Option(names = "--window", defaultValue = "32", description = "Readings per window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--hop", defaultValue = "1",
            description = "Readings between windows; 1 scores every row (default: ${DEFAULT-VALUE}).")
    int hop;

    @Option(names = "--hidden", defaultValue = "32", split = ",",
            description = "Encoder hidden widths (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--latent", defaultValue = "8", description = "Latent width (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--epochs", defaultValue = "40", description = "Most epochs per file (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.003", description = "Adam step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--patience", defaultValue = "8", description = "Early-stopping patience, 0 = off (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--validation-fraction", defaultValue = "0.2",
            description = "Last fraction of the training rows held out for validation and calibration (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--threshold-quantile", defaultValue = "0.99",
            description = "Validation-score quantile of the card's static threshold (default: ${DEFAULT-VALUE}).")
    double thresholdQuantile;

    @Option(names = "--threshold-margin", defaultValue = "1.5",
            description = "Factor on that quantile (default: ${DEFAULT-VALUE}).")
    double thresholdMargin;

    @Option(names = "--train-rows", defaultValue = "" + EvaluationOptions.SKAB_TRAIN_ROWS,
            description = "skab/csv: leading training rows per file, not scored (default: ${DEFAULT-VALUE}); "
                    + "nab trains on its probationary rows.")
    int trainRows;

    @Mixin
    DetectorOptions detection = new DetectorOptions();

    @Option(names = "--detector", defaultValue = "autoencoder", paramLabel = "autoencoder|rcf",
            description = "The autoencoder through the production topology, or the Random Cut Forest baseline "
                    + "(default: ${DEFAULT-VALUE}).")
    String detectorKind;

    @Option(names = "--rcf-shingle", defaultValue = "8", description = "RCF: rows per shingle (default: ${DEFAULT-VALUE}).")
    int rcfShingle;

    @Option(names = "--rcf-trees", defaultValue = "50", description = "RCF: trees (default: ${DEFAULT-VALUE}).")
    int rcfTrees;

    @Option(names = "--rcf-sample-size", defaultValue = "256",
            description = "RCF: points per tree (default: ${DEFAULT-VALUE}).")
    int rcfSampleSize;

    @Option(names = "--row-score", defaultValue = "onset", paramLabel = "onset|rise|level",
            description = "anomaly_score per row: onset = the level score where it exceeds every row of the last "
                    + "--onset-horizon rows, else 0; rise = by how much it exceeds them, else 0; "
                    + "level = s/(s+t) of the latest window (default: ${DEFAULT-VALUE}). Alerts do not depend on it.")
    String rowScore;

    @Option(names = "--onset-horizon", defaultValue = "200", paramLabel = "ROWS",
            description = "onset and rise: rows looked back; 0 = each file's training rows (default: ${DEFAULT-VALUE}).")
    int onsetHorizon;

    @Option(names = "--onset-refractory", defaultValue = "40", paramLabel = "ROWS",
            description = "onset and rise: after a row reports with its window above the detector's threshold, the "
                    + "next ROWS rows score 0, so a climbing excursion is reported once; 0 = off "
                    + "(default: ${DEFAULT-VALUE}).")
    int onsetRefractory;

    @Option(names = "--retrain-every", defaultValue = "0", paramLabel = "ROWS",
            description = "Continual retraining: every ROWS rows after the training rows, train a new model on the "
                    + "latest training-length rows (all already scored) and hot-swap it in; 0 = never "
                    + "(default: ${DEFAULT-VALUE}).")
    int retrainEvery;

    @Option(names = "--label-column", description = "csv: the 0/1 label column, read only when scoring.")
    String labelColumn;

    @Option(names = "--timestamp-column", description = "csv: timestamp column (default: timestamp/time/datetime/date).")
    String timestampColumn;

    @Option(names = "--channels", split = ",", description = "csv: channel columns (default: all numeric but the label).")
    List<String> channels;

    @Option(names = "--delimiter", description = "csv: field delimiter (default: ',').")
    Character delimiter;

    @Override
    public Integer call() throws IOException {
        DataFormat dataFormat = DataFormat.parse(format);
        ArchitectureOptions arch = architecture.toOptions(command.commandLine().getParseResult());
        int effectivePatience = command.commandLine().getParseResult().hasMatchedOption("--patience")
                ? patience : Math.min(patience, epochs);
        TrainOptions training = new TrainOptions("evaluate", window, hop, hidden, latent, epochs, batchSize,
                learningRate, effectivePatience, seed, 0, validationFraction, thresholdQuantile, thresholdMargin, arch,
                architecture.seasonalLag(), architecture.members);
        EvaluationOptions options = new EvaluationOptions(training, detector(), trainRows, csvOptions(dataFormat))
                .withRowScore(new RowScore(RowScore.Mode.parse(rowScore), onsetHorizon, onsetRefractory))
                .withRetrainEvery(retrainEvery);
        switch (detectorKind) {
            case "autoencoder" -> { }
            case "rcf" -> options = options.withRcf(new RcfBaseline(rcfShingle, rcfTrees, rcfSampleSize, seed));
            default -> throw new LatentwatchException("--detector '" + detectorKind
                    + "' is not known; expected one of [autoencoder, rcf]");
        }
        Path labelsFile = labels != null ? labels : dataset.resolve("labels").resolve("combined_windows.json");
        if (dataFormat == DataFormat.NAB && !Files.isRegularFile(labelsFile)) {
            // Checked up front so a long run does not fail at the end; the file is not read until scoring.
            throw new LatentwatchException("no NAB labels file at " + labelsFile + " (give --labels FILE)");
        }
        List<Evaluation.DataFile> files = Evaluation.files(dataset, dataFormat);
        Files.createDirectories(out);
        Path scratch = Files.createTempDirectory("latentwatch-evaluate");
        PrintWriter err = command.commandLine().getErr();
        err.printf("evaluating %d %s files: %s, window %d hop %d seasonal lag %s, threshold %s risk %s, incidents %s "
                        + "close %d, row score %s%n", files.size(), dataFormat.word(),
                options.rcf() != null ? "random cut forest" : arch.kind().word(), window, hop,
                architecture.seasonalLag,
                detection.threshold,
                detection.risk, detection.incidentOpen, detection.incidentClose, options.rowScore());
        List<FileDetection> detections = new ArrayList<>();
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("files").setInitialMax(files.size())
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            for (Evaluation.DataFile file : files) {
                bar.setExtraMessage(" " + file.key());
                FileDetection d = Evaluation.detect(file, dataFormat, options, scratch);
                Evaluation.write(out.resolve(file.key()), dataFormat, d);
                detections.add(d);
                bar.step();
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
        Map<String, Object> summary = new LinkedHashMap<>(dataFormat == DataFormat.NAB
                ? EvaluationScoring.nab(detections, labelsFile)
                : EvaluationScoring.pointwise(detections, dataFormat, options.csv()));
        summary.put("command", List.of(command.commandLine().getParseResult().originalArgs().toArray()));
        summary.put("settings", settings(options, arch));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("summary.json").toFile(),
                summary);
        Path report = out.resolve(ReportFiles.HTML);
        Files.writeString(report, HtmlReport.render(EvaluationReport.build(
                "latentwatch evaluate: " + dataFormat.word() + " " + dataset, dataFormat, detections, summary,
                dataFormat == DataFormat.NAB ? NabLabels.read(labelsFile) : null, options.csv())),
                StandardCharsets.UTF_8);
        printTable(command.commandLine().getOut(), dataFormat, summary);
        err.println("report: " + report);
        return 0;
    }

    /** The settings in effect, defaults included, so a summary can be reproduced after defaults change. */
    private Map<String, Object> settings(EvaluationOptions options, ArchitectureOptions arch) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("detector", options.rcf() != null ? "rcf" : "autoencoder");
        s.put("arch", arch.kind().word());
        s.put("window", window);
        s.put("hop", hop);
        s.put("seed", seed);
        s.put("seasonal_lag", architecture.seasonalLag);
        s.put("members", architecture.members);
        s.put("threshold", detection.threshold);
        s.put("risk", detection.risk);
        s.put("incident_open", detection.incidentOpen);
        s.put("incident_close", detection.incidentClose);
        s.put("row_score", options.rowScore().mode().word());
        s.put("onset_horizon", options.rowScore().horizon());
        s.put("onset_refractory", options.rowScore().refractory());
        s.put("retrain_every", options.retrainEvery());
        return s;
    }

    private DetectorConfig detector() {
        return detection.apply(DetectorConfig.defaults());
    }

    private CsvOptions csvOptions(DataFormat dataFormat) {
        CsvOptions o = CsvOptions.defaults();
        if (dataFormat != DataFormat.CSV) {
            return o;
        }
        if (labelColumn == null) {
            throw new LatentwatchException("--format csv needs --label-column: the 0/1 column it is scored against");
        }
        o = o.withLabelColumn(labelColumn);
        if (delimiter != null) {
            o = o.withDelimiter(delimiter);
        }
        if (timestampColumn != null) {
            o = o.withTimestampColumn(timestampColumn);
        }
        if (channels != null && !channels.isEmpty()) {
            o = o.withChannelColumns(channels);
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static void printTable(PrintWriter o, DataFormat format, Map<String, Object> summary) {
        Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) summary.get("files");
        if (format == DataFormat.NAB) {
            o.printf(Locale.ROOT, "%-58s %7s %7s %9s %9s %12s%n", "file", "rows", "labels", "incidents",
                    "raw(std)", "alerts(std)");
            files.forEach((k, f) -> o.printf(Locale.ROOT, "%-58s %7d %7d %9d %9.3f %12.3f%n", k, f.get("rows"),
                    f.get("label_windows"), f.get("incidents"), f.get("standard_raw"), f.get("alerts_standard_raw")));
            Map<String, Object> s = (Map<String, Object>) summary.get("nab");
            Map<String, Object> a = (Map<String, Object>) summary.get("nab_alerts");
            o.printf(Locale.ROOT, "%-28s %10s %20s %20s%n", "NAB", "standard", "reward_low_FP_rate", "reward_low_FN_rate");
            o.printf(Locale.ROOT, "%-28s %10.2f %20.2f %20.2f%n", "anomaly_score (best t)", s.get("standard"),
                    s.get("reward_low_FP_rate"), s.get("reward_low_FN_rate"));
            o.printf(Locale.ROOT, "%-28s %10.2f %20.2f %20.2f%n", "alert", a.get("standard"),
                    a.get("reward_low_FP_rate"), a.get("reward_low_FN_rate"));
        } else {
            o.printf(Locale.ROOT, "%-40s %7s %7s %7s %7s %9s%n", "file", "rows", "F1", "FAR", "MAR", "incidents");
            files.forEach((k, f) -> o.printf(Locale.ROOT, "%-40s %7d %7.3f %7.3f %7.3f %9d%n", k, f.get("rows"),
                    f.get("f1"), f.get("far"), f.get("mar"), f.get("incidents")));
            o.printf(Locale.ROOT, "%-40s %7s %7.3f %7.3f %7.3f%n", "pooled (alerts)", "", summary.get("f1"),
                    summary.get("far"), summary.get("mar"));
            Map<String, Object> w = (Map<String, Object>) summary.get("score_above_threshold");
            o.printf(Locale.ROOT, "%-40s %7s %7.3f %7.3f %7.3f%n", "pooled (score >= threshold)", "", w.get("f1"),
                    w.get("far"), w.get("mar"));
        }
        o.flush();
    }
}
