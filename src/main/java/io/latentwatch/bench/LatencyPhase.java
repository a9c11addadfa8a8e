package io.latentwatch.bench;

import io.latentwatch.LatentwatchException;
import io.latentwatch.avro.AnomalyScore;
import io.latentwatch.detect.DetectorStats;
import io.latentwatch.detect.StreamsSettings;
import io.latentwatch.serde.AvroSerdes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Event-to-score latency of the running detector at a fixed offered rate. A producer paced at
 * {@code rate} readings/s stamps each reading with the wall clock when it is sent (event time =
 * record time = send time); the detector, with the optional scores topic on, emits one
 * {@link AnomalyScore} per window, stamped with the event time of the window's newest reading; a
 * read_committed consumer notes the wall clock when each score becomes readable. Latency = that
 * moment minus the window's end, i.e. from producing the reading that completes a window to its
 * score being committed and readable. Scores, not alerts, are measured because normal data raises no
 * alerts; an alert is emitted in the same transaction as its window's score. Windows that end in the
 * first {@link #WARM_UP} of the run are left out (JIT and connection warm-up).
 */
final class LatencyPhase {
    static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final Path stateDir;

    LatencyPhase(String bootstrapServers, Path stateDir) {
        this.bootstrapServers = bootstrapServers;
        this.stateDir = stateDir;
    }

    /**
     * What the paced run sends and where the scores come out.
     *
     * @param input the detector's input topic
     * @param scores the detector's scores topic
     * @param rate readings per second offered
     * @param duration how long the producer runs
     * @param seed the readings' noise seed
     * @param expectedWindows how many windows a number of readings sent makes
     */
    record Pacing(String input, String scores, double rate, Duration duration, long seed,
                  LongUnaryOperator expectedWindows) {
    }

    /** Runs {@code topology} (the detector reading {@code pacing.input()}, scoring to {@code pacing.scores()}). */
    LatencyResult run(Topology topology, DetectorStats stats, ReadingProducer producer, Pacing pacing)
            throws InterruptedException {
        String scores = pacing.scores();
        double rate = pacing.rate();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong received = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong warmUpEnds = new AtomicLong(Long.MAX_VALUE);
        try (KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.of(bootstrapServers,
                "latentwatch-bench-latency", stateDir.resolve("latency"), null))) {
            streams.start();
            ThroughputPhase.await(() -> streams.state() == KafkaStreams.State.RUNNING, Duration.ofSeconds(120),
                    "the detector to start for the latency phase");
            Thread reader = new Thread(() -> read(scores, stop, received, latencies, warmUpEnds), "bench-latency-reader");
            reader.setDaemon(true);
            reader.start();
            warmUpEnds.set(System.currentTimeMillis() + WARM_UP.toMillis());
            long producing = System.nanoTime();
            long sent = producer.producePaced(pacing.input(), rate, pacing.duration().toNanos(), pacing.seed());
            double sentRate = sent / ((System.nanoTime() - producing) / 1e9);
            long windows = pacing.expectedWindows().applyAsLong(sent);
            ThroughputPhase.await(() -> received.get() >= windows || streams.state() == KafkaStreams.State.ERROR,
                    DRAIN_TIMEOUT, "the detector to score all " + windows + " windows (" + received.get() + " scored)");
            if (streams.state() == KafkaStreams.State.ERROR) {
                throw new LatentwatchException("the detector failed during the latency phase after "
                        + stats.records() + " records");
            }
            stop.set(true);
            reader.join(10_000);
            List<Long> sorted;
            synchronized (latencies) {
                sorted = new ArrayList<>(latencies);
            }
            if (sorted.isEmpty()) {
                throw new LatentwatchException(String.format(Locale.ROOT, "no window ended after the %d s warm-up of "
                        + "the latency phase at %.0f readings/s; expected a longer --latency-duration",
                        WARM_UP.toSeconds(), rate));
            }
            Collections.sort(sorted);
            return new LatencyResult(rate, sent, sentRate, sorted.size(), Percentiles.nearestRank(sorted, 0.50),
                    Percentiles.nearestRank(sorted, 0.99));
        }
    }

    private void read(String topic, AtomicBoolean stop, AtomicLong received, List<Long> latencies, AtomicLong warmUpEnds) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    long end = AvroSerdes.scores().decode(r.value()).getWindowEnd().toEpochMilli();
                    if (end >= warmUpEnds.get()) {
                        latencies.add(now - end);
                    }
                    received.incrementAndGet();
                }
            }
        }
    }
}
