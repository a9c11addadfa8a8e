package io.latentwatch.bench;

import io.latentwatch.LatentwatchException;
import io.latentwatch.detect.StreamsSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Runs one topology over the pre-produced input under the production Streams settings
 * (exactly_once_v2, RocksDB state, commit interval 100 ms) and times it: the clock starts when the
 * application reaches RUNNING and stops at the first check (every 20 ms) that finds its committed
 * offsets at the input's end offsets, i.e. every record processed and its results committed.
 */
final class ThroughputPhase {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final long POLL_MS = 20;

    /** What a phase runs, and how to watch it; {@code whileRunning} sees the streams once all is committed. */
    record Spec(String name, Topology topology, String applicationId, LongSupplier processed,
                Consumer<KafkaStreams> whileRunning) {
    }

    /** Hears the phase's progress: records committed so far of the total. */
    @FunctionalInterface
    interface Progress {
        void committed(long done, long total);
    }

    private final String bootstrapServers;
    private final String input;
    private final Path stateDir;
    private final Duration timeout;

    ThroughputPhase(String bootstrapServers, String input, Path stateDir, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.input = input;
        this.stateDir = stateDir;
        this.timeout = timeout;
    }

    PhaseResult run(Spec spec, Progress progress) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> end = endOffsets(admin);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            AtomicLong runningSince = new AtomicLong();
            try (KafkaStreams streams = new KafkaStreams(spec.topology(), StreamsSettings.of(bootstrapServers,
                    spec.applicationId(), stateDir.resolve(spec.name()), null))) {
                streams.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.RUNNING) {
                        runningSince.compareAndSet(0, System.nanoTime());
                    }
                });
                streams.start();
                await(() -> runningSince.get() != 0, START_TIMEOUT, spec.name() + " to start");
                long deadline = System.nanoTime() + timeout.toNanos();
                long committed = 0;
                long lastReport = 0;
                while (committed < total) {
                    if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                        throw new LatentwatchException("the " + spec.name() + " phase stopped in state " + streams.state()
                                + " after " + committed + " of " + total + " records");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new LatentwatchException("the " + spec.name() + " phase committed " + committed + " of "
                                + total + " records in " + timeout.toSeconds() + " s; expected all (lower --records)");
                    }
                    Thread.sleep(POLL_MS);
                    committed = committed(admin, spec.applicationId(), end.keySet());
                    if (System.nanoTime() - lastReport > 500_000_000L || committed >= total) {
                        progress.committed(committed, total);
                        lastReport = System.nanoTime();
                    }
                }
                double seconds = (System.nanoTime() - runningSince.get()) / 1e9;
                spec.whileRunning().accept(streams);
                return new PhaseResult(spec.name(), spec.processed().getAsLong(), committed, seconds);
            }
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) {
        try {
            var partitions = admin.describeTopics(List.of(input)).allTopicNames().get().get(input).partitions();
            Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(
                    p -> new TopicPartition(input, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info = admin.listOffsets(request).all().get();
            return info.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (ExecutionException e) {
            throw new LatentwatchException("cannot read the end offsets of " + input + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LatentwatchException("interrupted reading the end offsets of " + input, e);
        }
    }

    private static long committed(Admin admin, String group, Set<TopicPartition> partitions)
            throws InterruptedException {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            long sum = 0;
            for (TopicPartition p : partitions) {
                OffsetAndMetadata o = offsets.get(p);
                sum += o == null ? 0 : o.offset();
            }
            return sum;
        } catch (ExecutionException e) {
            throw new LatentwatchException("cannot read the committed offsets of " + group + ": "
                    + e.getCause().getMessage(), e);
        }
    }

    static void await(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new LatentwatchException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
