package io.latentwatch.cli;

import io.latentwatch.LatentwatchException;
import io.latentwatch.data.CsvOptions;
import io.latentwatch.data.DataFormat;
import io.latentwatch.data.SeriesReader;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.features.TimeBuckets;
import io.latentwatch.features.TimeWindowSpec;
import io.latentwatch.model.ModelCard;
import io.latentwatch.model.ModelFiles;
import io.latentwatch.nn.ArchitectureKind;
import io.latentwatch.train.ArchitectureOptions;
import io.latentwatch.train.ModelTrainer;
import io.latentwatch.train.TrainOptions;
import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwatch train}: trains an autoencoder on a file and writes models/NAME. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an autoencoder on normal data and export it to ONNX with a model card.")
final class TrainCommand implements Callable<Integer> {
    static final List<String> ARCHITECTURES = ArchitectureKind.words();

    @Spec
    CommandSpec command;

    @Mixin
    KafkaSourceOptions kafkaSource;

    @Option(names = "--data", paramLabel = "FILE|DIR",
            description = "Training data: a file, or a directory whose *.csv files are independent segments "
                    + "(e.g. one per entity; windows never span two files).")
    Path data;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|nab|skab|kafka",
            description = "Layout of the data file, or kafka to train on a topic's history (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Model directory to write, e.g. models/my-pump; its name is the model's name.")
    Path out;

    @Mixin
    ArchitectureArguments architecture = new ArchitectureArguments();

    @Option(names = "--window", defaultValue = "32", description = "Readings per window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(names = "--hop", defaultValue = "4", description = "Readings between windows (default: ${DEFAULT-VALUE}).")
    int hop;

    @Option(names = "--hidden", defaultValue = "64,32", split = ",",
            description = "Encoder hidden widths; the decoder mirrors them (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--latent", defaultValue = "8", description = "Latent width (default: ${DEFAULT-VALUE}).")
    int latent;

    @Option(names = "--epochs", defaultValue = "60", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "Windows per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam step size (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--patience", defaultValue = "10",
            description = "Early-stopping patience in epochs, 0 = off (default: ${DEFAULT-VALUE}, "
                    + "or --epochs if fewer).")
    int patience;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-rows", defaultValue = "0",
            description = "Use only the first N rows, 0 = all (default: ${DEFAULT-VALUE}).")
    int trainRows;

    @Option(names = "--validation-fraction", defaultValue = "0.2",
            description = "Last fraction of rows held out for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(names = "--threshold-quantile", defaultValue = "0.999",
            description = "Validation-score quantile the threshold starts from (default: ${DEFAULT-VALUE}).")
    double thresholdQuantile;

    @Option(names = "--threshold-margin", defaultValue = "1.5",
            description = "Factor on that quantile (default: ${DEFAULT-VALUE}).")
    double thresholdMargin;

    @Option(names = "--timestamp-column", description = "CSV: timestamp column (default: timestamp/time/datetime/date).")
    String timestampColumn;

    @Option(names = "--channels", split = ",", description = "CSV: channel columns in model order (default: all numeric).")
    List<String> channels;

    @Option(names = "--delimiter", description = "CSV: field delimiter (default: ',').")
    Character delimiter;

    @Override
    public Integer call() {
        ArchitectureOptions arch = architecture.toOptions(command.commandLine().getParseResult());
        boolean fromKafka = "kafka".equalsIgnoreCase(format.strip());
        DataFormat dataFormat = fromKafka ? null : DataFormat.parse(format);
        List<TimeSeries> segments = new ArrayList<>(fromKafka
                ? kafkaSource.read(channels, command.commandLine().getErr()) : List.of());
        for (Path file : fromKafka ? List.<Path>of() : dataFiles()) {
            segments.add(SeriesReader.read(file, dataFormat, csvOptions()));
        }
        String name = out.toAbsolutePath().normalize().getFileName().toString();
        // The default patience must not turn a short --epochs into an error about an option nobody gave.
        int effectivePatience = command.commandLine().getParseResult().hasMatchedOption("--patience")
                ? patience : Math.min(patience, epochs);
        TrainOptions options = new TrainOptions(name, window, hop, hidden, latent, epochs, batchSize, learningRate,
                effectivePatience, seed, trainRows, validationFraction, thresholdQuantile, thresholdMargin, arch,
                architecture.seasonalLag(), architecture.members);
        TimeWindowSpec time = timeWindowSpec();
        List<String> sourceChannels = segments.isEmpty() ? List.of() : segments.get(0).channels();
        if (time != null) {
            segments.replaceAll(s -> TimeBuckets.summarise(s, time));
        }
        int used = segments.stream().mapToInt(s -> trainRows > 0 ? Math.min(trainRows, s.rows()) : s.rows()).sum();
        ModelCard.DataSource source = new ModelCard.DataSource(fromKafka ? kafkaSource.describe()
                : data.getFileName().toString(), fromKafka ? "kafka" : dataFormat.word(), 0, used);
        PrintWriter err = command.commandLine().getErr();
        err.printf("training %s (%s, %s encoder) on %d rows in %d segment(s) x %d channels %s%n", name, arch.kind().word(),
                arch.encoder().word(), used, segments.size(),
                segments.get(0).channels().size(), segments.get(0).channels());
        ModelTrainer.Trained trained;
        int members = architecture.members;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("epochs").setInitialMax((long) epochs * members)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .build()) {
            long trainWindows = segments.stream().mapToLong(s -> {
                int rows = trainRows > 0 ? Math.min(trainRows, s.rows()) : s.rows();
                long split = Math.round(rows * (1 - validationFraction));
                return Math.max(0, (split - window) / hop + 1);
            }).sum();
            long started = System.nanoTime();
            int[] member = {0};
            int[] lastEpoch = {0};
            trained = ModelTrainer.train(segments, source, options, (epoch, max, trainLoss, validationLoss, best) -> {
                if (epoch <= lastEpoch[0]) {
                    member[0]++; // the next ensemble member started over at epoch 1
                }
                lastEpoch[0] = epoch;
                long done = (long) member[0] * epochs + epoch;
                double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                bar.stepTo(done);
                bar.setExtraMessage(String.format(Locale.ROOT, "%s loss %.4f val %.4f%s %,.0f/s",
                        members > 1 ? " member " + (member[0] + 1) + "/" + members : "", trainLoss, validationLoss,
                        best ? " *" : "  ", trainWindows * done / seconds));
            });
            bar.maxHint(bar.getCurrent());
        }
        ModelCard card = time == null ? trained.card() : trained.card().withTimeWindow(time, sourceChannels);
        ModelFiles.write(out, card, trained.onnx(), trained.decoderOnnx());
        PrintWriter o = command.commandLine().getOut();
        o.printf(Locale.ROOT, "model %s version %s written to %s%n", card.name(), card.version(), out);
        ModelCard.Training t = card.training();
        int best = t.bestEpoch() - 1;
        ModelCard.Quantiles q = card.validationScores();
        o.printf(Locale.ROOT, "  %-22s %s%n", "windows", t.trainWindows() + " train, " + t.validationWindows()
                + " validation");
        o.printf(Locale.ROOT, "  %-22s %d of %d run%n", "best epoch", t.bestEpoch(), t.validationLoss().length);
        o.printf(Locale.ROOT, "  %-22s %.5f train, %.5f validation%n", "loss at best epoch", t.trainLoss()[best],
                t.validationLoss()[best]);
        o.printf(Locale.ROOT, "  %-22s p50 %.5f  p90 %.5f  p99 %.5f  p99.9 %.5f  max %.5f%n", "validation scores",
                q.p50(), q.p90(), q.p99(), q.p999(), q.max());
        o.printf(Locale.ROOT, "  %-22s %.5f (q%.3f x %.2f)%n", "initial threshold", card.threshold().value(),
                thresholdQuantile, thresholdMargin);
        if (trained.decoderOnnx() != null) {
            o.printf(Locale.ROOT, "  %-22s %s (latent -> reconstruction)%n", "decoder model",
                    out.resolve(ModelFiles.DECODER));
        }
        return 0;
    }

    @Option(names = "--time-window", converter = DurationConverter.class,
            description = "Summarise readings over event-time buckets of this length first, e.g. 10s "
                    + "(default: windows of raw readings).")
    java.time.Duration timeWindow;

    @Option(names = "--time-advance", converter = DurationConverter.class,
            description = "Start a bucket this often; a divisor of --time-window for hopping buckets "
                    + "(default: --time-window, tumbling).")
    java.time.Duration timeAdvance;

    @Option(names = "--aggregates", split = ",", defaultValue = "mean,std,min,max,last",
            description = "Per-channel aggregates of each bucket (default: ${DEFAULT-VALUE}).")
    List<String> aggregates;

    private TimeWindowSpec timeWindowSpec() {
        if (timeWindow == null) {
            if (timeAdvance != null) {
                throw new LatentwatchException("--time-advance needs --time-window");
            }
            return null;
        }
        long size = timeWindow.toMillis();
        long advance = timeAdvance == null ? size : timeAdvance.toMillis();
        return new TimeWindowSpec(size, advance, aggregates.stream().map(TimeWindowSpec.Aggregate::parse).toList());
    }

    private List<Path> dataFiles() {
        if (data == null) {
            throw new LatentwatchException("--data FILE|DIR is needed unless --format kafka");
        }
        if (!Files.isDirectory(data)) {
            return List.of(data);
        }
        try (Stream<Path> files = Files.list(data)) {
            List<Path> csv = files.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
            if (csv.isEmpty()) {
                throw new LatentwatchException("--data directory " + data + " holds no *.csv file");
            }
            return csv;
        } catch (IOException e) {
            throw new LatentwatchException("cannot list --data directory " + data + ": " + e.getMessage(), e);
        }
    }

    private CsvOptions csvOptions() {
        CsvOptions o = CsvOptions.defaults();
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

    /** The architectures --arch accepts, for help text and completion. */
    static final class Architectures implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ARCHITECTURES.iterator();
        }
    }
}
