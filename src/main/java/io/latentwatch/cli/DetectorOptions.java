package io.latentwatch.cli;

import io.latentwatch.alert.IncidentConfig;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.features.GapPolicy;
import io.latentwatch.serde.WireSettings;
import io.latentwatch.threshold.ThresholdConfig;
import io.latentwatch.threshold.ThresholdKind;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The detection options shared by {@code detect} and {@code demo}: windows, batching, thresholds, incidents. */
final class DetectorOptions {
    @Option(names = "--grace", defaultValue = "0s", converter = DurationConverter.class,
            description = "How late (event time) a reading may arrive and still be put in order (default: ${DEFAULT-VALUE}).")
    Duration grace;

    @Option(names = "--gap-policy", defaultValue = "carry-forward",
            description = "Missing values: carry-forward, impute-mean or skip-window (default: ${DEFAULT-VALUE}).")
    String gapPolicy;

    @Option(names = "--carry-limit", defaultValue = "" + GapPolicy.DEFAULT_CARRY_LIMIT,
            description = "Readings a last value may be carried forward (default: ${DEFAULT-VALUE}).")
    int carryLimit;

    @Option(names = "--max-gap", defaultValue = "0s", converter = DurationConverter.class,
            description = "A silence longer than this restarts the entity's window; 0s = off (default: ${DEFAULT-VALUE}).")
    Duration maxGap;

    @Option(names = "--score-batch-size", defaultValue = "" + DetectorConfig.DEFAULT_BATCH_SIZE,
            description = "Windows scored per ONNX Runtime call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--flush-interval", defaultValue = "100ms", converter = DurationConverter.class,
            description = "Longest wait (wall time) for a batch to fill (default: ${DEFAULT-VALUE}).")
    Duration flushInterval;

    @Option(names = "--threshold", defaultValue = "spot",
            description = "Adaptive threshold per entity: spot, dspot, ewma or quantile (default: ${DEFAULT-VALUE}).")
    String threshold;

    @Option(names = "--risk", defaultValue = "" + ThresholdConfig.DEFAULT_RISK,
            description = "SPOT/DSPOT: false-alarm probability per window (default: ${DEFAULT-VALUE}).")
    double risk;

    @Option(names = "--initial-quantile", defaultValue = "" + ThresholdConfig.DEFAULT_INITIAL_QUANTILE,
            description = "SPOT/DSPOT: calibration-score quantile above which scores are peaks (default: ${DEFAULT-VALUE}).")
    double initialQuantile;

    @Option(names = "--floor-factor", defaultValue = "" + ThresholdConfig.DEFAULT_FLOOR_FACTOR,
            description = "The threshold never drops below this times the card's threshold (default: ${DEFAULT-VALUE}).")
    double floorFactor;

    @Option(names = "--incident-open", defaultValue = "2/4", paramLabel = "K/N",
            description = "Open an incident when K of the last N windows are above the threshold (default: ${DEFAULT-VALUE}).")
    String incidentOpen;

    @Option(names = "--incident-close", defaultValue = "8", paramLabel = "M",
            description = "Close it after M consecutive windows below (default: ${DEFAULT-VALUE}).")
    int incidentClose;

    @Option(names = "--dead-letter-topic",
            description = "Where unusable input records go, with the reason in headers (default: <input>.dlq).")
    String deadLetterTopic;

    @Option(names = "--max-abs-value", defaultValue = "" + DetectorConfig.DEFAULT_MAX_ABS_VALUE,
            description = "A reading value beyond +- this is absurd and dead-lettered (default: ${DEFAULT-VALUE}).")
    double maxAbsValue;

    @Option(names = "--max-future", defaultValue = "1h", converter = DurationConverter.class,
            description = "A reading whose event time is further ahead of its record's timestamp is dead-lettered "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration maxFuture;

    @Option(names = "--serde", defaultValue = "single-object", paramLabel = "single-object|confluent",
            description = "Avro framing of the output topics; input framing is detected per record "
                    + "(default: ${DEFAULT-VALUE}).")
    String serde;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry (Confluent, Apicurio ccompat, Karapace, Redpanda); "
                    + "needed for --serde confluent and to read Confluent-framed input.")
    String schemaRegistryUrl;

    @Option(names = "--schema-registry-user", description = "Schema registry basic-auth user.")
    String schemaRegistryUser;

    @Option(names = "--schema-registry-password", description = "Schema registry basic-auth password.")
    String schemaRegistryPassword;

    @Option(names = "--scores-topic", description = "Also publish every window's score here (off by default).")
    String scoresTopic;

    @Option(names = "--embeddings-topic", description = "Also publish every window's latent vector here (off by default).")
    String embeddingsTopic;

    @Option(names = "--denoised-topic", description = "Also publish every window's reconstruction here (off by default).")
    String denoisedTopic;

    DetectorConfig apply(DetectorConfig base) {
        String[] kn = incidentOpen.split("/", -1);
        if (kn.length != 2) {
            throw new io.latentwatch.LatentwatchException("--incident-open '" + incidentOpen + "' must be K/N, e.g. 2/4");
        }
        IncidentConfig incidents;
        try {
            incidents = new IncidentConfig(Integer.parseInt(kn[0].trim()), Integer.parseInt(kn[1].trim()),
                    incidentClose, 0);
        } catch (NumberFormatException e) {
            throw new io.latentwatch.LatentwatchException("--incident-open '" + incidentOpen
                    + "' must be two whole numbers K/N, e.g. 2/4");
        }
        ThresholdConfig thresholdConfig = ThresholdConfig.defaults(ThresholdKind.parse(threshold)).withRisk(risk)
                .withInitialQuantile(initialQuantile).withFloorFactor(floorFactor);
        return base.withGrace(grace.toMillis())
                .withGapPolicy(new GapPolicy(GapPolicy.Mode.parse(gapPolicy), carryLimit, maxGap.toMillis()))
                .withBatching(batchSize, flushInterval)
                .withThreshold(thresholdConfig)
                .withIncidents(incidents)
                .withOptionalTopics(scoresTopic, embeddingsTopic, denoisedTopic)
                .withDeadLetters(deadLetterTopic, maxAbsValue, maxFuture.toMillis())
                .withWire(new WireSettings(WireSettings.Format.parse(serde), schemaRegistryUrl, schemaRegistryUser,
                        schemaRegistryPassword));
    }
}
