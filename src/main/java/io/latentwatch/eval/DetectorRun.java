package io.latentwatch.eval;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.AlertStatus;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.data.TimeSeries;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.DetectorTopology;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.model.ModelSource;
import io.latentwatch.serde.AvroSerdes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Runs one series through the production detector topology ({@link DetectorTopology#build}) in
 * process, with Kafka Streams' {@link TopologyTestDriver}, and collects what it said about every
 * row (see {@link RowVerdicts}).
 *
 * <p>Each row becomes a {@code SensorReading} of one entity with the row's timestamp as event
 * time. Windows are scored one at a time (batch size 1) and the topology's outputs are read after
 * every row, so each window score and alert is tied to the row that completed its window, whatever
 * the timestamps do (NAB files repeat timestamps and step back). Batching never changes a decision
 * (the topology guarantees it), so this is what a deployed detector would have decided.
 *
 * <p>It takes a series without labels: the detector must not see what it is scored against.
 */
public final class DetectorRun {
    static final String SCORES_TOPIC = "anomaly-scores";

    private DetectorRun() {
    }

    /**
     * The detector's verdict on every row of {@code series}.
     *
     * @param config the detection settings; its topics and batching are replaced by the run's own
     * @param entity the entity id the rows are sent as
     * @param series the rows, without labels
     * @param stateDir an empty directory for the topology's state stores; deleted again afterwards
     * @throws LatentwatchException if the series carries labels
     */
    public static RowVerdicts run(DetectorModel model, DetectorConfig config, String entity, TimeSeries series,
                                  Path stateDir) {
        return run(ModelSource.fixed(model), config, entity, series, stateDir, row -> { });
    }

    /**
     * The same with a model source that may change while the rows run (continual retraining), and a
     * hook called after each row has gone through the topology and its outputs were read, with the
     * row's index: whatever it does may use that row and those before it, never a later one.
     */
    public static RowVerdicts run(ModelSource models, DetectorConfig config, String entity, TimeSeries series,
                                  Path stateDir, IntConsumer afterRow) {
        if (series.labels() != null) {
            throw new LatentwatchException("the detector must not see labels: pass " + entity
                    + " without its label column");
        }
        DetectorConfig runConfig = config.withOptionalTopics(SCORES_TOPIC, null, null)
                .withBatching(1, config.flushInterval() == null ? Duration.ofSeconds(1) : config.flushInterval());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "latentwatch-evaluate");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "in-process:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        int n = series.rows();
        double[] anomaly = new double[n];
        int[] alerts = new int[n];
        double[] raw = new double[n];
        double[] thresholds = new double[n];
        Arrays.fill(raw, Double.NaN);
        Arrays.fill(thresholds, Double.NaN);
        int windows = 0;
        int incidents = 0;
        DetectorStats stats = new DetectorStats();
        try (TopologyTestDriver driver = new TopologyTestDriver(DetectorTopology.build(runConfig, models, stats),
                props)) {
            TestInputTopic<String, byte[]> input = driver.createInputTopic(runConfig.inputTopic(),
                    new StringSerializer(), new ByteArraySerializer());
            StringDeserializer keys = new StringDeserializer();
            TestOutputTopic<String, AnomalyScore> scores = driver.createOutputTopic(SCORES_TOPIC, keys,
                    AvroSerdes.scoreSerde().deserializer());
            TestOutputTopic<String, AnomalyAlert> alertTopic = driver.createOutputTopic(runConfig.alertsTopic(), keys,
                    AvroSerdes.alertSerde().deserializer());
            List<String> channels = series.channels();
            double current = 0;
            boolean open = false;
            for (int i = 0; i < n; i++) {
                long ts = series.timestamps()[i];
                Map<String, Double> values = new HashMap<>();
                double[] row = series.values()[i];
                for (int c = 0; c < row.length; c++) {
                    values.put(channels.get(c), row[c]);
                }
                SensorReading reading = SensorReading.newBuilder().setEntityId(entity)
                        .setTimestamp(Instant.ofEpochMilli(ts)).setReadings(values).build();
                input.pipeInput(entity, AvroSerdes.readings().encode(reading), ts);
                while (!scores.isEmpty()) {
                    AnomalyScore s = scores.readValue();
                    raw[i] = s.getScore();
                    thresholds[i] = s.getThreshold();
                    current = RowVerdicts.anomalyScore(s.getScore(), s.getThreshold());
                    windows++;
                }
                boolean closedHere = false;
                while (!alertTopic.isEmpty()) {
                    AnomalyAlert a = alertTopic.readValue();
                    if (a.getStatus() == AlertStatus.OPEN) {
                        open = true;
                        incidents++;
                    } else if (a.getStatus() == AlertStatus.CLOSED) {
                        open = false;
                        closedHere = true;
                    }
                }
                anomaly[i] = current;
                alerts[i] = open || closedHere ? 1 : 0;
                afterRow.accept(i);
            }
        } finally {
            deleteTree(stateDir);
        }
        return new RowVerdicts(anomaly, alerts, raw, thresholds, windows, incidents);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new LatentwatchException("cannot delete the evaluation state directory " + dir + ": " + e, e);
        }
    }
}
