package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.CsvOptions;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.SeriesReader;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelCard;
import io.latentwatch.nn.EpochListener;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The detection half of {@code latentwatch evaluate}: for every file of a benchmark, train a model
 * on the protocol's training rows, run every row through the production topology
 * ({@link DetectorRun}) and write the per-row output. It never reads a label: NAB's label file is
 * not opened here, and SKAB/CSV label columns are dropped as the rows are read. Scoring against
 * labels is {@link EvaluationScoring}'s job, afterwards.
 *
 * <p>Protocols: {@code nab} trains on each file's probationary rows (the first
 * {@code min(floor(0.15 N), 750)}) and outputs every row; {@code skab} and {@code csv} train on
 * the first {@link EvaluationOptions#trainRows()} rows and output the rows after them. The
 * training rows are still fed to the detector first, as the history a deployed detector would
 * have seen, so the first test rows are already covered by windows.
 */
public final class Evaluation {
    /** SKAB's folder of runs without anomalies, meant for training, never part of its scored protocol. */
    static final String SKAB_ANOMALY_FREE = "anomaly-free";

    /** Called once per file, after it is done. */
    @FunctionalInterface
    public interface Progress {
        void fileDone(FileDetection detection);
    }

    /** A benchmark file: its key (relative path with {@code /}) and where it is. */
    public record DataFile(String key, Path path) {
    }

    private Evaluation() {
    }

    /**
     * The benchmark's data files in a stable order. NAB: {@code DIR/data/<category>/<file>.csv};
     * SKAB and CSV: every {@code *.csv} below {@code DIR} (SKAB's {@code anomaly-free} folder
     * excluded); when {@code DIR} holds the files directly, its own name becomes their folder.
     * Symbolic links to folders and files are followed, so a benchmark can be assembled from links.
     */
    public static List<DataFile> files(Path dataset, DataFormat format) {
        if (!Files.isDirectory(dataset)) {
            throw new LatentwatchException("--dataset " + dataset + " is not a directory");
        }
        Path root = format == DataFormat.NAB ? dataset.resolve("data") : dataset;
        if (!Files.isDirectory(root)) {
            throw new LatentwatchException(dataset + ": no data/ folder, expected NAB's layout data/<category>/<file>.csv");
        }
        List<DataFile> out = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            for (Path p : all.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".csv"))
                    .sorted().toList()) {
                Path rel = root.relativize(p);
                String key = rel.toString().replace('\\', '/');
                if (rel.getNameCount() == 1) {
                    key = root.toAbsolutePath().normalize().getFileName() + "/" + key;
                }
                if (format == DataFormat.SKAB && key.startsWith(SKAB_ANOMALY_FREE + "/")) {
                    continue;
                }
                out.add(new DataFile(key, p));
            }
        } catch (IOException | UncheckedIOException e) { // a link that loops back fails the walk
            throw new LatentwatchException("cannot list " + root + ": " + e, e);
        }
        if (out.isEmpty()) {
            throw new LatentwatchException(root + " holds no *.csv data file");
        }
        return out;
    }

    /**
     * Trains, detects and writes {@code out/<key>} for every file of the benchmark.
     *
     * @param scratch a directory for the topology's state stores
     */
    public static List<FileDetection> detect(Path dataset, DataFormat format, EvaluationOptions options, Path out,
                                             Path scratch, Progress progress) {
        List<FileDetection> detections = new ArrayList<>();
        for (DataFile file : files(dataset, format)) {
            FileDetection d = detect(file, format, options, scratch);
            write(out.resolve(file.key()), format, d);
            detections.add(d);
            progress.fileDone(d);
        }
        return detections;
    }

    /** One file: read without labels, train on the training rows, run every row through the topology. */
    public static FileDetection detect(DataFile file, DataFormat format, EvaluationOptions options, Path scratch) {
        TimeSeries series = unlabelled(file.path(), format, options.csv());
        int trainRows = format == DataFormat.NAB ? NabScorer.probationaryRows(series.rows())
                : Math.min(options.trainRows(), series.rows());
        if (format != DataFormat.NAB && trainRows >= series.rows()) {
            throw new LatentwatchException(file.key() + ": " + series.rows() + " rows, none left to score after "
                    + trainRows + " training rows");
        }
        int firstScored = format == DataFormat.NAB ? 0 : trainRows;
        if (options.rcf() != null) {
            RowVerdicts forest = options.rcf().run(series);
            return new FileDetection(file.key(), file.path(), series.timestamps(), firstScored,
                    forest.withAnomalyScores(options.rowScore().apply(forest.anomalyScores(), trainRows)), null);
        }
        TrainOptions training = renamed(options.training(), file.key());
        ModelTrainer.Trained trained;
        try {
            trained = ModelTrainer.train(series.head(trainRows),
                    new ModelCard.DataSource(file.key(), format.word(), 0, trainRows), training, EpochListener.NONE);
        } catch (LatentwatchException e) {
            if (constant(series.head(trainRows))) {
                // Nothing to learn and no error distribution to calibrate on: no detector can be
                // deployed from these rows, so the file is reported as undetected rather than failing the run.
                int n = series.rows();
                double[] nan = new double[n];
                java.util.Arrays.fill(nan, Double.NaN);
                return new FileDetection(file.key(), file.path(), series.timestamps(), firstScored,
                        new RowVerdicts(new double[n], new int[n], nan, nan.clone(), 0, 0),
                        "the training rows are constant: no model could be calibrated, every row scores 0");
            }
            throw new LatentwatchException(file.key() + ": training on its first " + trainRows + " rows failed: "
                    + e.getMessage(), e);
        }
        RowVerdicts verdicts;
        if (options.retrainEvery() > 0) {
            verdicts = ContinualRetraining.run(file.key(), format, series, trainRows, trained, options, training,
                    scratch);
        } else {
            try (DetectorModel model = new DetectorModel(trained.card(), trained.onnx())) {
                verdicts = DetectorRun.run(model, options.detector(), file.key(), series,
                        scratch.resolve("state-" + training.name()));
            }
        }
        verdicts = verdicts.withAnomalyScores(options.rowScore().apply(verdicts.anomalyScores(), trainRows));
        return new FileDetection(file.key(), file.path(), series.timestamps(), firstScored, verdicts, null);
    }

    /** Whether every channel holds one value throughout (missing values aside). */
    static boolean constant(TimeSeries rows) {
        for (int c = 0; c < rows.channels().size(); c++) {
            double first = Double.NaN;
            for (double[] row : rows.values()) {
                double x = row[c];
                if (Double.isNaN(x)) {
                    continue;
                }
                if (Double.isNaN(first)) {
                    first = x;
                } else if (x != first) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The file's rows with any label column dropped: the detector never sees labels. */
    static TimeSeries unlabelled(Path file, DataFormat format, CsvOptions csv) {
        TimeSeries read = SeriesReader.read(file, format, csv);
        return new TimeSeries(read.timestamps(), read.channels(), read.values(), null);
    }

    static TrainOptions renamed(TrainOptions o, String key) {
        String name = key.replaceAll("\\.csv$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        if (name.length() > 100) {
            name = name.substring(name.length() - 100);
        }
        return o.withName(name, 0);
    }

    /**
     * Writes one file's output. NAB: {@code timestamp,value,anomaly_score,alert} for every row, the
     * timestamp and value as the input spelled them. SKAB: {@code datetime,anomaly_score,alert} for
     * the rows after training, datetime as the input spelled it. CSV: {@code timestamp,anomaly_score,alert}
     * with ISO-8601 UTC timestamps.
     */
    public static void write(Path target, DataFormat format, FileDetection d) {
        RowVerdicts v = d.verdicts();
        List<String[]> raw = format == DataFormat.CSV ? null
                : RawCells.read(d.file(), format == DataFormat.NAB ? ',' : ';', v.rows());
        try {
            Files.createDirectories(target.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                w.write(switch (format) {
                    case NAB -> "timestamp,value,anomaly_score,alert";
                    case SKAB -> "datetime,anomaly_score,alert";
                    case CSV -> "timestamp,anomaly_score,alert";
                });
                w.write('\n');
                for (int i = d.firstScoredRow(); i < v.rows(); i++) {
                    String score = String.format(Locale.ROOT, "%.6f", v.anomalyScores()[i]);
                    String line = switch (format) {
                        case NAB -> raw.get(i)[0] + "," + raw.get(i)[1] + "," + score + "," + v.alerts()[i];
                        case SKAB -> raw.get(i)[0] + "," + score + "," + v.alerts()[i];
                        case CSV -> Instant.ofEpochMilli(d.timestamps()[i]) + "," + score + "," + v.alerts()[i];
                    };
                    w.write(line);
                    w.write('\n');
                }
            }
        } catch (IOException e) {
            throw new LatentwatchException("cannot write " + target + ": " + e, e);
        }
    }
}
