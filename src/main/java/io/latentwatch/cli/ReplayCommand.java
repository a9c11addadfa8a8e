package io.latentwatch.cli;

import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.replay.Replay;
import io.latentwatch.replay.ReplayProgress;
import io.latentwatch.replay.ReplayRange;
import io.latentwatch.replay.ReplayRequest;
import io.latentwatch.replay.ReplayResult;
import io.latentwatch.report.ConsoleTable;
import io.latentwatch.report.ReportFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code latentwatch replay}: backtests a model on a topic's history through the production topology. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a range of a readings topic through the detector's own topology, in event time and "
                + "as fast as possible, and write DIR/report.html and DIR/summary.json.",
            "Writes no alert anywhere unless --alerts-topic is given."})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = DetectorConfig.DEFAULT_INPUT,
            description = "Topic of SensorReading records to replay (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (models/NAME).")
    Path model;

    @Option(names = "--from", paramLabel = "ISO", converter = KafkaSourceOptions.InstantConverter.class,
            description = "Start each partition at its first record at or after this time (record timestamps; "
                    + "a date alone or a time without offset is UTC). Default: the beginning.")
    Instant from;

    @Option(names = "--from-offset", paramLabel = "N",
            description = "Start each partition at offset N instead (clamped to what it holds).")
    Long fromOffset;

    @Option(names = "--to", paramLabel = "ISO", converter = KafkaSourceOptions.InstantConverter.class,
            description = "Stop each partition at its first record at or after this time. Default: the end offsets "
                    + "when the replay starts.")
    Instant to;

    @Option(names = "--report", required = true, paramLabel = "DIR",
            description = "Directory for report.html and summary.json (created if missing).")
    Path report;

    @Option(names = "--alerts-topic", paramLabel = "TOPIC",
            description = "Publish the replay's alerts here, in one transaction (default: publish nothing).")
    String alertsTopic;

    @Option(names = "--force", description = "Allow --alerts-topic to be the live alerts topic '"
            + DetectorConfig.DEFAULT_ALERTS + "'.")
    boolean force;

    @Option(names = "--state-dir", description = "Parent directory for the replay's temporary state "
            + "(default: the system's temporary directory).")
    Path stateDir;

    @Option(names = "--no-progress", description = "Do not show the progress bar on stderr.")
    boolean noProgress;

    @Mixin
    DetectorOptions detection;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE",
            description = "Any Kafka client property for the reader and the alerts producer, repeatable "
                    + "(e.g. security.protocol=SSL).")
    Map<String, String> kafka = new LinkedHashMap<>();

    @Override
    public Integer call() {
        if (from != null && fromOffset != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --from or --from-offset, not both");
        }
        for (String[] perWindow : new String[][] {{"--scores-topic", detection.scoresTopic},
            {"--embeddings-topic", detection.embeddingsTopic}, {"--denoised-topic", detection.denoisedTopic}}) {
            if (perWindow[1] != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "replay publishes no per-window topic "
                        + "(every window's score is in the report); drop " + perWindow[0]);
            }
        }
        Map<String, Object> client = new LinkedHashMap<>(kafka);
        client.put("bootstrap.servers", bootstrapServers);
        ReplayRequest request = new ReplayRequest(client, topic, new ReplayRange(from, fromOffset, to),
                detection.apply(DetectorConfig.defaults()), alertsTopic, force, stateDir,
                ReplayRequest.DEFAULT_TIMEOUT);
        PrintWriter out = spec.commandLine().getOut();
        ReplayResult result;
        try (DetectorModel detectorModel = DetectorModel.load(model);
             Bar bar = noProgress ? null : new Bar()) {
            result = Replay.run(request, detectorModel, bar == null ? ReplayProgress.NONE : bar);
        }
        Path html = ReportFiles.write(result.report(), report);
        Replay.publish(request, result);
        out.print(ConsoleTable.render(result.report().summary()));
        out.printf("report: %s%nsummary: %s%n", html, report.resolve(ReportFiles.JSON));
        if (alertsTopic != null) {
            out.printf("%d alerts published to %s%n", result.alerts().size(), alertsTopic);
        }
        out.flush();
        return 0;
    }

    /** Records, records/s, ETA and the event time reached, on stderr. */
    private static final class Bar implements ReplayProgress, AutoCloseable {
        private ProgressBar bar;

        @Override
        public void started(long total) {
            bar = new ProgressBarBuilder().setTaskName("replay").setInitialMax(total).showSpeed()
                    .setUnit(" rec", 1).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void advanced(long records, long eventTime) {
            if (bar != null) {
                bar.stepTo(records);
                bar.setExtraMessage(eventTime == Long.MIN_VALUE ? "" : "@ " + Instant.ofEpochMilli(eventTime));
            }
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
            }
        }
    }
}
