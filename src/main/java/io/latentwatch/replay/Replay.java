package io.latentwatch.replay;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.AnomalyAlert;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.avro.SensorReading;
import io.latentwatch.detect.DetectorConfig;
import io.latentwatch.model.DetectorModel;
import io.latentwatch.serde.AvroSerdes;
import io.latentwatch.serde.RecordDecodingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Backtesting: replays a range of a readings topic through the production topology, in-process and
 * as fast as it can, and returns the alerts it raises, every window's score and the report's input.
 *
 * <p>Why this gives what production would have done: the topology is the one {@code detect} runs
 * ({@link io.latentwatch.detect.DetectorTopology#build}), fed each record's original key, bytes,
 * headers and timestamp, each partition in offset order; its decisions read only event time and
 * per-entity state, never the wall clock or the batching. The alerts are collected in memory (they
 * are few: one per incident change) and, when asked, published after the replay in one transaction.
 */
public final class Replay {
    private static final int PROGRESS_EVERY = 1000;

    private Replay() {
    }

    public static ReplayResult run(ReplayRequest request, DetectorModel model, ReplayProgress progress) {
        DetectorConfig config = request.topologyConfig();
        Path state = stateDir(request.stateDir());
        long started = System.nanoTime();
        Run run = new Run(model);
        try (RangeReader reader = new RangeReader(request.clientConfig(), request.topic(), request.range(),
                request.timeout());
             ReplayDriver driver = new ReplayDriver(config, model, state)) {
            progress.started(reader.total());
            reader.forEach(r -> {
                driver.feed(r.key(), r.value(), r.headers(), r.timestamp());
                run.reading(r);
                if (run.read % PROGRESS_EVERY == 0) {
                    run.drain(driver);
                    progress.advanced(run.read, r.timestamp());
                }
            });
            driver.finish();
            run.drain(driver);
            progress.advanced(run.read, run.lastTimestamp);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new ReplayResult(run.alerts, driver.stats(), run.read,
                    ReplaySummary.report(request, model, run, driver.stats(), elapsed), elapsed);
        } finally {
            delete(state);
        }
    }

    /**
     * Publishes a replay's alerts to the request's alerts topic, if it has one.
     *
     * @throws LatentwatchException when the write fails; nothing is then visible to read_committed consumers
     */
    public static void publish(ReplayRequest request, ReplayResult result) {
        if (request.alertsTopic() != null) {
            AlertPublisher.publish(request.clientConfig(), request.alertsTopic(), result.alerts());
        }
    }

    /** A replay in progress: what it read and what it collected per entity. */
    static final class Run {
        final List<String> channels;
        final Map<String, TrackRecorder> tracks = new TreeMap<>();
        final List<AnomalyAlert> alerts = new ArrayList<>();
        long read;
        long firstTimestamp = Long.MAX_VALUE;
        long lastTimestamp = Long.MIN_VALUE;
        long maxTimestamp = Long.MIN_VALUE;

        Run(DetectorModel model) {
            this.channels = model.spec().channels();
        }

        void reading(ConsumerRecord<byte[], byte[]> r) {
            read++;
            lastTimestamp = r.timestamp();
            firstTimestamp = Math.min(firstTimestamp, r.timestamp());
            maxTimestamp = Math.max(maxTimestamp, r.timestamp());
            SensorReading reading;
            try {
                reading = AvroSerdes.readings().decode(r.value());
            } catch (RecordDecodingException e) {
                return; // the topology counts and logs it as skipped
            }
            if (reading.getEntityId() != null && !reading.getEntityId().isBlank()) {
                track(reading.getEntityId()).reading(reading.getTimestamp().toEpochMilli(), reading.getReadings());
            }
        }

        void drain(ReplayDriver driver) {
            for (AnomalyScore s : driver.drainScores()) {
                track(s.getEntityId()).score(s.getWindowEnd().toEpochMilli(), s.getScore(), s.getThreshold());
            }
            for (AnomalyAlert a : driver.drainAlerts()) {
                alerts.add(a);
                track(a.getEntityId()).alert(a);
            }
        }

        private TrackRecorder track(String entity) {
            return tracks.computeIfAbsent(entity, e -> new TrackRecorder(e, channels));
        }
    }

    private static Path stateDir(Path parent) {
        try {
            if (parent == null) {
                return Files.createTempDirectory("latentwatch-replay-");
            }
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "replay-");
        } catch (IOException e) {
            throw new LatentwatchException("cannot create the replay's state directory under "
                    + (parent == null ? "the temporary directory" : parent) + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // Leftover state in a temporary directory is harmless; the replay's result is not.
            org.slf4j.LoggerFactory.getLogger(Replay.class).warn("could not delete replay state {}: {}", dir,
                    e.getMessage());
        }
    }
}
