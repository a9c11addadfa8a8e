package io.latentwatch.cli;

import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.detect.StreamsSettings;
import io.latentwatch.model.ModelRegistry;
import io.latentwatch.model.ModelWatcher;
import io.latentwatch.ops.DetectorMetrics;
import io.latentwatch.ops.EntityQuery;
import io.latentwatch.ops.OpsHttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code latentwatch detect}: runs the detector against a Kafka cluster until interrupted. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Score every window of readings on a topic and publish alerts (exactly-once).")
final class DetectCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DetectCommand.class);

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory (models/NAME).")
    Path model;

    @Option(names = "--model-poll-interval", defaultValue = "2s", converter = DurationConverter.class,
            description = "How often the model directory is checked for a new version; 0s turns it off "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration modelPollInterval;

    @Option(names = "--input", defaultValue = DetectorConfig.DEFAULT_INPUT,
            description = "Topic of SensorReading records (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--alerts", defaultValue = DetectorConfig.DEFAULT_ALERTS,
            description = "Topic for AnomalyAlert records (default: ${DEFAULT-VALUE}).")
    String alerts;

    @Option(names = "--application-id", defaultValue = StreamsSettings.DEFAULT_APPLICATION_ID,
            description = "Kafka Streams application.id; instances with the same id share the work "
                    + "(default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", description = "Directory for local state (default: Kafka Streams' own).")
    Path stateDir;

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the /metrics, /health and /entities/ID endpoints; 0 picks a free one "
                    + "(default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address the HTTP endpoints listen on; other instances forward entity queries to it "
                    + "(default: ${DEFAULT-VALUE}).")
    String httpHost;

    @Mixin
    DetectorOptions detection;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "KEY=VALUE",
            description = "Any Kafka client or Streams property, repeatable (e.g. security.protocol=SSL).")
    Properties kafka = new Properties();

    @Override
    public Integer call() throws InterruptedException {
        DetectorConfig config = detection.apply(DetectorConfig.defaults().withTopics(input, alerts));
        try (ModelRegistry models = ModelRegistry.open(model);
             ModelWatcher watcher = modelPollInterval.isZero() ? null : ModelWatcher.start(models, modelPollInterval);
             OpsHttpServer http = OpsHttpServer.bind(httpHost, httpPort)) {
            DetectorStats stats = new DetectorStats();
            Properties clients = new Properties();
            if (spec.commandLine().getDefaultValueProvider() instanceof ConfigDefaults defaults) {
                clients.putAll(defaults.kafkaProperties());
            }
            clients.putAll(kafka);
            Properties props = StreamsSettings.of(bootstrapServers, applicationId, stateDir, clients);
            // Other instances forward entity queries to this address; --kafka application.server=... overrides
            // it where they reach this one by another name (NAT, containers).
            String advertised = props.getProperty(StreamsConfig.APPLICATION_SERVER_CONFIG);
            HostInfo self = advertised == null ? http.advertised() : HostInfo.buildFromEndpoint(advertised);
            props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            CountDownLatch stopped = new CountDownLatch(1);
            String[] running;
            try (var lease = models.acquire()) {
                running = new String[] {lease.model().name(), lease.model().version()};
            }
            try (KafkaStreams streams = new KafkaStreams(DetectorTopology.build(config, models, stats), props);
                 DetectorMetrics metrics = new DetectorMetrics(stats, streams, running[0], running[1])) {
                models.onSwap(metrics::modelChanged);
                streams.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                        stopped.countDown();
                    }
                });
                Thread hook = new Thread(() -> {
                    boolean closed = streams.close(Duration.ofSeconds(30));
                    LOG.info(closed ? "detector closed cleanly: {} records, {} windows scored, {} incidents, {} late"
                            : "detector did not close within 30s: {} records, {} windows scored, {} incidents, {} late",
                            stats.records(), stats.windowsScored(), stats.incidents(), stats.late());
                    stopped.countDown();
                }, "latentwatch-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                streams.start();
                http.start(streams, metrics, new EntityQuery(streams, config.threshold(), self));
                LOG.info("detecting on {} with model {}, alerts to {}", input, models.describe(), alerts);
                stopped.await();
                boolean failed = streams.state() == KafkaStreams.State.ERROR;
                LOG.info("stopped: {} records, {} windows scored, {} incidents, {} alerts, {} late, {} skipped",
                        stats.records(), stats.windowsScored(), stats.incidents(), stats.alerts(), stats.late(),
                        stats.skipped());
                return failed ? 1 : 0;
            }
        }
    }
}
